"""The French guide the project ships, beside the English one in
``default_guide.py`` and in the same shape: the same five sections and 25 tips,
in the same order, written again in Canadian French rather than rendered word
for word.

``load_french`` gives the guide's French fields this text (``load_demo`` calls
it; see docs/french-demo.md). Like the English default, it never overwrites what
staff have written.
"""

from __future__ import annotations

from config.typography import french_spacing
from fundraising import default_guide

TITLE = "25 conseils pour organiser sa première collecte de fonds"

INTRO = (
    "Vous n'avez jamais organisé de collecte de fonds? Pas besoin d'expérience, d'un grand "
    "réseau ni d'un plan parfait. Ces conseils nous viennent de personnes qui ont commencé "
    "exactement là où vous en êtes. Choisissez ceux qui conviennent à votre idée, et "
    "demandez-nous un coup de main chaque fois que vous en avez envie."
)

SECTIONS = [
    (
        "Planifiez une collecte qui vous ressemble",
        [
            (
                "Partez de ce que vous aimez déjà",
                "Un anniversaire, votre course de la semaine, une soirée de jeux, une vente de "
                "pâtisseries à l'école : une collecte bâtie autour de ce qui vous plaît est "
                "plus facile à mener, même quand les semaines sont chargées.",
            ),
            (
                "Fixez un objectif qui tient en une phrase",
                "« J'amasse 500 $ d'ici mon anniversaire, le 12 mai » se partage bien mieux "
                "qu'un vague espoir. Choisissez un montant et une date; vous pourrez toujours "
                "relever l'objectif une fois qu'il sera atteint.",
            ),
            (
                "Donnez-vous de quatre à six semaines",
                "Choisissez votre date, puis planifiez à rebours. Inscrivez trois rappels à "
                "votre agenda : le lancement, la mi-parcours et la dernière semaine.",
            ),
            (
                "Faites vous-même le premier don",
                "Même modeste, votre propre don montre que vous y croyez, et une page qui "
                "compte déjà un don paraît moins déserte à la personne suivante.",
            ),
            (
                "Trouvez quelqu'un pour faire équipe",
                "Une amie ou un ami qui partage le travail double votre portée et vous aide à "
                "garder le rythme. Répartissez-vous les personnes à solliciter, pour que "
                "personne ne reçoive deux demandes.",
            ),
        ],
    ),
    (
        "Racontez votre histoire",
        [
            (
                "Dites pourquoi la cause vous tient à cœur",
                "On donne à des personnes, pas à des idées abstraites. Deux ou trois phrases "
                "sincères sur ce qui vous touche dans la violence que subissent les personnes "
                "vivant dans la pauvreté en feront plus que n'importe quelle statistique.",
            ),
            (
                "Un seul fait plutôt que dix",
                "Choisissez une histoire ou un chiffre de notre page Histoires d'espoir et "
                "expliquez-le dans vos mots. Trop de chiffres finissent par se confondre.",
            ),
            (
                "Ajoutez une photo de vous",
                "Une photo nette et chaleureuse aide les gens à vous reconnaître et à faire "
                "confiance à votre page. N'utilisez jamais la photo d'une personne survivante, "
                "ni de qui que ce soit, sans sa permission.",
            ),
            (
                "Expliquez ce qu'un don rend possible",
                "Les gens veulent savoir à quoi sert leur argent. Demandez à l'équipe des "
                "événements des exemples actuels et exacts, et citez-les tels quels; "
                "n'inventez pas de chiffres, s'il vous plaît.",
            ),
            (
                "Faites court",
                "Votre premier message et votre page devraient se lire en moins d'une minute. "
                "Ajoutez un lien pour celles et ceux qui veulent en savoir plus.",
            ),
        ],
    ),
    (
        "Sollicitez personnellement",
        [
            (
                "Dressez une liste de 30 personnes",
                "Famille, amis, collègues, voisins, votre équipe, votre classe ou votre "
                "communauté de foi. La plupart des dons à une première collecte viennent de "
                "gens qui vous connaissent.",
            ),
            (
                "Une personne à la fois",
                "Un message personnel ou un coup de fil fonctionne bien mieux qu'une "
                "publication de groupe. Appelez la personne par son nom et dites-lui pourquoi "
                "vous avez pensé à elle.",
            ),
            (
                "Proposez un montant précis",
                "« Donnerais-tu 25 $ pour m'aider à atteindre mon objectif? » est plus facile "
                "à accepter que « tout don compte ». Proposez deux ou trois montants et "
                "laissez les gens choisir.",
            ),
            (
                "Commencez par vos proches",
                "Les premiers dons de celles et ceux qui vous aiment donnent le ton, et une "
                "collecte déjà en marche encourage tout le monde à suivre.",
            ),
            (
                "Relancez une fois, gentiment",
                "Les gens sont occupés, pas réticents. Un rappel amical environ une semaine "
                "plus tard, c'est normal; ensuite, n'insistez pas et remerciez-les d'avoir lu "
                "votre message.",
            ),
            (
                "Renseignez-vous sur les dons jumelés",
                "Bien des employeurs versent un montant égal aux dons de leur personnel. Un "
                "courriel de deux minutes à votre service des ressources humaines peut doubler "
                "les dons de vos collègues.",
            ),
        ],
    ),
    (
        "Gardez l'élan, en toute sécurité",
        [
            (
                "Partagez vos progrès, pas seulement vos demandes",
                "Publiez une mise à jour quand vous atteignez le quart, la moitié et les trois "
                "quarts de votre objectif. Les gens aiment se joindre à un projet qui avance.",
            ),
            (
                "Faites vivre le grand jour",
                "Des photos du gâteau, de l'eau glacée ou de la ligne d'arrivée donnent aux "
                "retardataires une raison de donner. Demandez la permission avant de publier "
                "des photos d'autres personnes.",
            ),
            (
                "Pensez à la sécurité et aux règles",
                "Une saucette polaire exige des sauveteurs qualifiés, une course, un parcours "
                "sécuritaire, et un tirage demande habituellement une licence de votre "
                "province. En cas de doute, parlez-nous-en d'abord.",
            ),
            (
                "Gérez l'argent comptant à deux",
                "Comptez l'argent en présence d'une autre personne, notez le total ensemble et "
                "faites-le parvenir dans la semaine. L'équipe des événements vous dira comment "
                "procéder.",
            ),
            (
                "Laissez-nous les reçus fiscaux",
                "Seul l'organisme de bienfaisance peut délivrer des reçus aux fins de l'impôt, "
                "et seulement pour les dons admissibles. Dirigez les donateurs vers la page de "
                "dons officielle ou adressez-vous à l'équipe des événements.",
            ),
        ],
    ),
    (
        "Dites merci",
        [
            (
                "Remerciez chaque donateur dans les deux jours",
                "Un petit mot personnel peu après un don montre aux gens qu'on les a vus, et "
                "ceux qu'on remercie rapidement sont plus enclins à donner de nouveau.",
            ),
            (
                "N'oubliez pas celles et ceux qui ont applaudi",
                "Partager vos publications, venir sur place, vous encourager : tout cela "
                "compte. Remerciez ces personnes aussi chaleureusement que les donateurs.",
            ),
            (
                "Annoncez le résultat final",
                "Dites à tout le monde combien vous avez amassé ensemble et ce que cela "
                "représente. Boucler la boucle bâtit la confiance pour votre prochaine "
                "demande.",
            ),
            (
                "Reposez-vous, puis notez ce que vous avez appris",
                "Notez ce qui a fonctionné pendant que c'est encore frais; l'an prochain sera "
                "plus facile. Nous aimerions beaucoup connaître vos idées, nous aussi.",
            ),
        ],
    ),
]


def load_french(Guide, GuideSection, GuideTip) -> int:
    """Give the French text to each part of the guide (title, intro, section,
    tip) that still has the shipped English and no French yet; returns how
    many parts got French. Takes the model classes, like ``default_guide.load``,
    so a data migration can call it with the historical ones. The parts'
    ``updated_at`` is left as it was: the English PDF is no older for it."""
    guide_parts = {"title": (default_guide.TITLE, TITLE), "intro": (default_guide.INTRO, INTRO)}
    sections, tips = {}, {}
    for (section_en, tips_en), (section_fr, tips_fr) in zip(
        default_guide.SECTIONS, SECTIONS, strict=True
    ):
        sections[section_en] = section_fr
        tips.update(zip(tips_en, tips_fr, strict=True))

    done = 0
    for guide in Guide.objects.filter(pk=1):
        for field, (english, text) in guide_parts.items():
            if getattr(guide, f"{field}_en") == english and not getattr(guide, f"{field}_fr"):
                setattr(guide, f"{field}_fr", french_spacing(text))
                guide.save(update_fields=[f"{field}_fr"])
                done += 1
    for section in GuideSection.objects.filter(guide_id=1):
        if section.title_en in sections and not section.title_fr:
            section.title_fr = french_spacing(sections[section.title_en])
            section.save(update_fields=["title_fr"])
            done += 1
    for tip in GuideTip.objects.filter(section__guide_id=1):
        french = tips.get((tip.title_en, tip.text_en))
        if french and not (tip.title_fr or tip.text_fr):
            tip.title_fr, tip.text_fr = (french_spacing(part) for part in french)
            tip.save(update_fields=["title_fr", "text_fr"])
            done += 1
    return done
