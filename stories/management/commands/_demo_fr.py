"""The French demo content, written in Canadian French beside the English in
``load_demo.py``: the same facts (see docs/french-demo.md), told again rather
than rendered word for word.

Every entry is keyed like the English data so the loader can pair them: the
stories by their English slug, the calls to action by their English title, the
themes and countries by their slug, the clip cues by provider (same timings).
The leading underscore keeps Django from listing this module as a command.

The text is typed with plain spaces; the loader passes every string through
``config.typography.french_spacing``, which adds the non-breaking spaces French
typography asks for.
"""

from __future__ import annotations

CREDIT = "Illustration : Histoires d'espoir"

# The home collection (the Stories of Hope page).
COLLECTION = {
    "title": "Histoires d'espoir",
    "subtitle": "Des moments de joie qui nous donnent la force de continuer",
    "introduction": (
        "Ces temps-ci, les nouvelles déferlent, rapides et inquiétantes. Pendant qu'une "
        "pandémie bouleverse le quotidien partout dans le monde, nous tenons à vous faire "
        "part de quelques moments de joie vécus par des personnes qui ont survécu à "
        "l'esclavage et à la violence.\n\n"
        "Chacune de ces histoires est une petite lueur dans la noirceur. Nous espérons "
        "qu'elles vous redonneront courage, autant qu'à nous."
    ),
}

THEMES = {
    "land-rights": "Droits fonciers",
    "violence-against-women": "Violence faite aux femmes",
    "police-abuse": "Abus de pouvoir policier",
    "family-violence": "Violence familiale",
    "child-labour": "Travail forcé des enfants",
    "sexual-violence-against-children": "Violence sexuelle envers les enfants",
    "supporters": "Personnes donatrices",
    "forced-labour": "Travail forcé",
    "trafficking": "Traite de personnes",
    "bonded-labour": "Servitude pour dettes",
}

COUNTRIES = {"uganda": "Ouganda", "kenya": "Kenya", "bolivia": "Bolivie"}

# Keyed by the English slug. "slug" is the French address (/fr/histoires/<slug>/);
# "figures" repeat the English numbers, so a mismatch shows; "quotes" are
# (text, attribution) in the English order; "clip" is the clip's French title.
STORIES = {
    "one-home-restored-162-made-safe": {
        "slug": "un-foyer-retrouve-162-personnes-en-securite",
        "headline": "Un foyer retrouvé, 162 personnes en sécurité",
        "summary": "À son retour, après avoir fui la guerre, Hellen a trouvé sa terre "
        "occupée et sa famille "
        "attaquée. Sous une pluie battante, elle a apposé son empreinte sur l'entente qui la "
        "lui rendait.",
        "body": (
            "<p>Lorsque la guerre a gagné sa région de l'Ouganda, Hellen, veuve, a pris la "
            "fuite avec sa famille sans se retourner. Pendant des années, son chez-soi n'a "
            "plus été qu'un souvenir : un champ, une maison, l'endroit où ses enfants avaient "
            "grandi.</p>"
            "<p>Le jour où elle a enfin pu rentrer, ce souvenir était tout ce qui lui restait. "
            "Des voisins s'étaient installés sur sa terre et la revendiquaient "
            "comme la leur. Quand Hellen et "
            "les siens ont voulu y rester, ces voisins s'en sont pris à eux.</p>"
            "<p>Bien des femmes, à sa place, se seraient tues. Là où vit Hellen, les crimes "
            "commis contre les femmes restent rarement punis, et une veuve qui ose parler "
            "risque d'aggraver son sort. Hellen a porté plainte malgré tout.</p>"
            "<h2>Deux ans de procédures</h2>"
            "<p>Nous avons pris sa cause en main en 2013. Il a fallu deux ans, mais les "
            "agresseurs ont été reconnus coupables et condamnés à six mois de travaux "
            "communautaires. La peine peut sembler légère. Dans cette communauté, elle était "
            "pourtant rarissime, et personne ne s'y est trompé : ce qu'on avait fait à Hellen "
            "était un crime, et la justice venait de le dire tout haut.</p>"
            "<h2>Une empreinte sous la pluie</h2>"
            "<p>Le moment qui nous est resté en mémoire s'est déroulé sous une pluie qui ne "
            "voulait pas cesser. Des représentants des autorités locales ont parcouru le "
            "pourtour de la terre de Hellen, trempés jusqu'aux os, pour en marquer les limites "
            "une à une. Restait à signer l'entente de bornage, et le seul endroit au sec était "
            "la banquette arrière d'une voiture.</p>"
            "<p>C'est donc là que Hellen s'est assise, la portière ouverte, le document sur les "
            "genoux. Elle a appuyé son pouce dans l'encre, puis sur la feuille. Dehors, une "
            "foule de voisins et de proches, sous l'averse, l'acclamait comme à un "
            "mariage.</p>"
            "<p>Cette empreinte a réglé bien plus qu'une ligne sur une carte. Hellen fait vivre "
            "161 autres personnes : des enfants, des petits-enfants et des proches qui comptent "
            "sur cette terre pour se nourrir et se loger. Aujourd'hui, ces 162 personnes sont "
            "en sécurité, chez elles.</p>"
            "<p>L'histoire de Hellen est l'une des raisons pour lesquelles nous poursuivons "
            "notre travail pour les droits fonciers. Pour une veuve, un champ n'est pas qu'un "
            "bien : c'est ce qui permet à une famille de rester unie plutôt que de se retrouver "
            "sans toit.</p>"
        ),
        "figures": [(162, "personnes en sécurité")],
        "quotes": [
            (
                "Une empreinte de pouce sur une feuille, à l'arrière d'une voiture, et toute "
                "une famille pouvait rentrer chez elle.",
                "Notre équipe en Ouganda, qui se souvient de cette journée",
            )
        ],
        "alt": "Illustration : des traits de pluie obliques tombent sur une feuille de papier "
        "marquée d'une empreinte de pouce rouge foncé, sur un fond qui passe du bleu ardoise "
        "à l'ambre.",
        "caption": "L'entente de bornage, signée d'une empreinte de pouce sous une pluie battante.",
    },
    "from-the-hospital-to-the-high-court": {
        "slug": "du-lit-dhopital-a-la-haute-cour",
        "headline": "Du lit d'hôpital à la Haute Cour",
        "summary": "Des policiers ont tiré sur David, puis l'ont accusé de crimes qu'il n'avait "
        "pas commis. Aujourd'hui avocat à la Haute Cour du Kenya, il défend celles et ceux qui "
        "n'ont pas les moyens de se payer un avocat.",
        "body": (
            "<p>En 2002, au Kenya, David était étendu sur un lit d'hôpital, "
            "retenu au cadre par une chaîne. Des policiers lui avaient tiré dessus. On "
            "n'avait pas pu sauver sa main "
            "droite : il avait fallu l'amputer.</p>"
            "<p>Puis ces mêmes policiers l'ont accusé de crimes qu'il n'avait pas commis. Nous "
            "connaissons bien ce scénario : quand des policiers abusent de leur pouvoir, la "
            "personne qu'ils ont blessée peut se retrouver sur le banc des accusés, et les coups "
            "de feu disparaissent derrière un acte d'accusation. La famille de David n'avait "
            "pas les moyens de payer un avocat. Sans avocat, il aurait dû "
            "affronter seul le tribunal.</p>"
            "<h2>L'un de nos premiers dossiers au Kenya</h2>"
            "<p>David a été l'une des toutes premières personnes que notre équipe kényane a "
            "accompagnées. Nos avocats ont assuré sa défense. Les accusations portées contre "
            "lui ont été abandonnées, et les policiers qui avaient tiré sur lui ont à leur tour "
            "été arrêtés et inculpés.</p>"
            "<p>Pendant ces mois-là, autre chose s'est produit, et tout a commencé alors que "
            "David était encore en détention. Il avait vu ce qu'un avocat pouvait accomplir "
            "pour un homme que personne ne croyait. C'est là, dans sa cellule, qu'il a pris sa "
            "décision : il deviendrait cet avocat-là, pour des gens aussi pauvres que lui.</p>"
            "<p>Le chemin a été long. David a étudié le droit, s'est présenté à l'examen du "
            "Barreau et l'a réussi. Il est aujourd'hui avocat à la Haute Cour du Kenya, et ceux "
            "qui frappent à sa porte sont souvent ceux que personne d'autre ne veut défendre. "
            "Il attribue ce parcours à sa foi, qui l'a porté, dit-il, du lit d'hôpital jusqu'à "
            "la salle d'audience.</p>"
            "<h2>Le jour de la remise des diplômes</h2>"
            "<p>L'image que nous gardons précieusement date du jour où David a reçu son "
            "diplôme. À la fin de la cérémonie, ses fils se sont faufilés hors de la foule, ont "
            "couru vers leur père et lui ont sauté dans les bras, l'un après l'autre.</p>"
            "<p>Les garçons ne se souviendront pas de la chaîne au lit d'hôpital. Ils se "
            "souviendront d'un père en toge, riant aux éclats, qui les serrait tous les deux "
            "contre lui.</p>"
        ),
        "figures": [],
        "quotes": [
            (
                "C'est dans une cellule qu'il a fait son choix : il deviendrait l'avocat qui lui "
                "avait tant manqué.",
                "Raconté par notre équipe au Kenya",
            )
        ],
        "alt": "Illustration : deux petites silhouettes arrondies jaunes s'élancent en arc "
        "vers une grande silhouette pâle aux bras levés, sur un ciel qui passe du bleu profond "
        "au doré.",
        "caption": "Le jour de la remise des diplômes : ses fils lui ont sauté dans les bras.",
    },
    "hope-in-a-mothers-embrace": {
        "slug": "lespoir-dans-les-bras-dune-mere",
        "headline": "L'espoir dans les bras d'une mère",
        "summary": "Jakelin a témoigné contre le père qui maltraitait toute la famille et "
        "forçait les enfants à travailler. Aujourd'hui en sécurité, elle veut prendre la parole "
        "pour les autres.",
        "body": (
            "<p>Pendant presque toute son enfance, Jakelin a vécu dans la peur, sous son propre "
            "toit. Son père maltraitait tous les membres de la famille. Il obligeait les "
            "enfants à travailler pour lui, et personne, hors de la maison, ne semblait s'en "
            "apercevoir ni s'en soucier.</p>"
            "<p>Le tournant est venu de sa mère. Un jour, elle s'est rendue au poste de police "
            "pour le dénoncer. C'est l'un des gestes les plus difficiles qui soient : nommer "
            "l'homme avec qui l'on vit, en sachant qu'il risque de rentrer à la maison avant "
            "que quiconque vienne à votre secours.</p>"
            "<h2>Trouver sa voix</h2>"
            "<p>Nous avons fourni un avocat à la famille, et l'affaire a été "
            "portée devant le tribunal. Là, Jakelin a fait ce que bien des adultes "
            "n'auraient pas eu la force de "
            "faire. Elle s'est levée et a témoigné contre son propre père, en décrivant ce "
            "qu'il leur avait fait subir, à elle, à sa mère et aux autres enfants.</p>"
            "<p>Le tribunal l'a crue. Son père a été condamné à huit ans de prison.</p>"
            "<p>Jakelin est aujourd'hui en sécurité. La peur qui a rempli son enfance a cédé "
            "la place à autre chose : l'envie d'aider. Elle rêve de raconter son histoire "
            "publiquement, pour que d'autres enfants et d'autres femmes qui vivent de la "
            "violence à la maison sachent que cela peut cesser, et que la loi peut être de "
            "leur côté.</p>"
            "<h2>Une étreinte que personne n'avait prévue</h2>"
            "<p>Quelque temps plus tard, une petite équipe est venue tourner un documentaire "
            "sur elle. Chaque scène était planifiée : où Jakelin s'assoirait, de quoi elle "
            "parlerait, d'où viendrait la lumière.</p>"
            "<p>Son jeune fils, lui, n'avait pas lu le plan de tournage. En pleine prise, il a "
            "traversé la pièce en courant et s'est jeté au cou de sa mère, qui l'a serré très "
            "fort. Personne n'a crié « Coupez! ». La caméra a continué de tourner, et l'équipe "
            "est restée immobile.</p>"
            "<p>Ce n'était pas dans le scénario. C'est pourtant le moment dont tout le monde se "
            "souvient : un enfant qui grandira sans la peur qu'a connue sa mère, dans les bras "
            "de la femme qui a refusé de se taire.</p>"
        ),
        "figures": [],
        "quotes": [],
        "alt": "Illustration : une grande forme arrondie rose pâle et une plus petite, jaune, "
        "penchées l'une vers l'autre dans un halo doux, une courbe claire les entourant comme "
        "un bras, sur fond rose.",
        "caption": "L'étreinte qui n'était pas dans le scénario.",
    },
    "the-sound-of-good-news": {
        "slug": "le-son-des-bonnes-nouvelles",
        "headline": "Le son des bonnes nouvelles",
        "summary": "Dans nos locaux en Bolivie, chaque bureau a "
        "sa matraca, une "
        "crécelle en bois. Quand l'une d'elles retentit, tout le monde s'y met : un enfant "
        "vient d'obtenir justice.",
        "body": (
            "<p>Entrez dans nos locaux en Bolivie un jour comme les autres et vous remarquerez "
            "un objet posé sur chaque bureau, entre les dossiers et les tasses de café : une "
            "matraca, une crécelle en bois munie d'un manche, qui claque bruyamment quand on la "
            "fait tourner.</p>"
            "<p>L'équipe lutte contre la violence sexuelle envers les enfants, et la plupart du "
            "temps, le travail est lent et lourd. Les causes s'étirent sur des années. Les "
            "enfants doivent raconter leur histoire encore et encore. Les audiences sont "
            "reportées. Alors l'équipe a décidé, il y a longtemps, que les bonnes nouvelles ne "
            "passeraient jamais inaperçues.</p>"
            "<h2>Quand une crécelle se fait entendre</h2>"
            "<p>Dès qu'un membre de l'équipe apprend qu'une cause est gagnée, il saisit sa "
            "matraca et la fait tourner. En quelques secondes, sa voisine de bureau attrape la "
            "sienne, puis un collègue à l'autre bout de la pièce, jusqu'à ce que toute la "
            "pièce crépite à l'unisson et que des gens sortent de leurs réunions pour "
            "savoir ce qui "
            "se passe.</p>"
            "<p>Au milieu de l'année 2019, les crécelles ont résonné pour une occasion toute "
            "particulière : l'équipe venait d'obtenir sa 150e condamnation en 14 ans de "
            "travail.</p>"
            "<p>Derrière ce chiffre, il y avait deux fillettes. L'homme qui les avait agressées "
            "a été reconnu coupable, et elles sont désormais à l'abri de lui. Pour elles, cette "
            "150e condamnation n'avait rien d'un jalon : c'était la fin de la peur.</p>"
            "<h2>Une justice qui s'éveille</h2>"
            "<p>Ce chiffre en dit long aussi sur les tribunaux boliviens. Il y a quatorze ans, "
            "une condamnation pour avoir agressé un "
            "enfant était rare. Aujourd'hui, "
            "policiers, procureurs et juges se saisissent de ces dossiers et les mènent à "
            "terme, un peu plus souvent chaque année. Le système de justice s'éveille pour "
            "protéger les enfants, et l'équipe l'entend, une crécelle à la fois.</p>"
            "<p>Si vous passez nous voir un jour, demandez à tenir une matraca. C'est plus "
            "bruyant qu'on ne le croit.</p>"
        ),
        "figures": [(150, "condamnations"), (14, "ans de travail")],
        "quotes": [
            (
                "Quand une matraca retentit, tout le monde se joint à la fête.",
                "Notre équipe en Bolivie",
            )
        ],
        "alt": "Illustration : trois crécelles en bois à manche, jaune, pêche et orange, d'où "
        "s'élèvent des arcs sonores, sur un fond qui va du brun à l'orange brûlé.",
        "caption": "Une matraca sur chaque bureau : quand l'une d'elles retentit, toute "
        "l'équipe s'y met.",
    },
    "the-wisdom-of-a-seven-year-old": {
        "slug": "la-sagesse-dun-enfant-de-sept-ans",
        "headline": "La sagesse d'un enfant de sept ans",
        "summary": "Pendant des mois, Luke a mis de côté l'argent "
        "prévu pour un souvenir afin de s'offrir un gros ensemble LEGO. Puis il a entendu "
        "parler des personnes tenues en esclavage, et "
        "il a tout donné.",
        "body": (
            "<p>Au début de 2017, Luke avait sept ans. Immunodéprimé, il venait d'obtenir un "
            "voyage de rêve, de ceux que les enfants gravement malades attendent pendant des "
            "mois. Avant son départ, son grand-père lui a glissé 20 $ dans la main pour qu'il "
            "s'achète un souvenir.</p>"
            "<p>Luke est revenu avec ses 20 $ toujours en poche. Il avait un projet plus "
            "ambitieux : un ensemble LEGO, un vrai gros, qui coûtait bien plus cher qu'un "
            "souvenir. Pendant six autres mois, il a rendu de petits services, compté ses sous "
            "et mis de côté chaque dollar gagné.</p>"
            "<h2>Ce qu'il a entendu à l'église</h2>"
            "<p>Puis un dimanche, à l'église, Luke a entendu parler des personnes qui, "
            "aujourd'hui encore, sont tenues en esclavage : des enfants et des adultes forcés "
            "de travailler, qui ne peuvent pas partir et que personne ne vient aider. Sur le "
            "chemin du retour, il avait une question. Sa mère nous a raconté plus tard la "
            "conversation, à peu près en ces mots.</p>"
            "<p>« Maman, c'est vrai qu'il y a des gens qui n'ont pas le droit de rentrer chez "
            "eux? »</p>"
            "<p>« Oui, c'est vrai. Il y en a des millions. »</p>"
            "<p>« Alors je veux leur donner mon argent pour les LEGO. »</p>"
            "<p>« Tout? Tu économises depuis ton voyage. »</p>"
            "<p>« Tout. Dans une très, très grande enveloppe. »</p>"
            "<p>« Pourquoi une grande? »</p>"
            "<p>« Pour qu'ils sachent que c'est important. Pour qu'on les appelle par leur "
            "nom. »</p>"
            "<p>Doucement, sa mère a tenté de lui suggérer d'en garder un peu pour lui. Luke "
            "n'a rien voulu entendre. Les LEGO pouvaient attendre. Les personnes dont il avait "
            "entendu parler, elles, ne le pouvaient pas.</p>"
            "<h2>L'enveloppe</h2>"
            "<p>Quelques semaines plus tard, une très grande enveloppe est arrivée à nos "
            "bureaux, avec à l'intérieur chaque dollar que Luke avait économisé. Nous avons "
            "ouvert bien des dons, mais rarement un qui nous ait autant appris. Luke avait "
            "compris une chose que les adultes oublient souvent : les personnes pour qui nous "
            "travaillons ne sont pas des chiffres, mais des gens qui ont un nom, et être libre, "
            "c'est être appelé par le sien.</p>"
        ),
        "figures": [],
        "quotes": [
            (
                "Pour qu'ils sachent que c'est important. Pour qu'on les appelle par leur nom.",
                "Luke, sept ans, tel que sa mère s'en souvient",
            )
        ],
        "alt": "Illustration : une grande enveloppe ouverte vert pâle et jaune d'où s'envolent "
        "de petits cœurs dorés, sur un fond qui va du vert profond au jaune moutarde.",
        "caption": "Une très grande enveloppe, avec chaque dollar à l'intérieur.",
    },
    "finally-headed-home": {
        "slug": "enfin-sur-le-chemin-du-retour",
        "headline": "Enfin sur le chemin du retour",
        "summary": "Quarante-quatre garçons et 32 jeunes hommes étaient forcés de fabriquer des "
        "bijoux en or loin de chez eux. Regardez le moment où ils ont appris qu'ils "
        "retrouveraient leur famille.",
        "body": (
            "<p>On les avait emmenés à près de 1 600 kilomètres de chez eux. Certains "
            "n'étaient encore que des garçons, d'autres de jeunes hommes. Au bout du voyage les "
            "attendait un atelier où on les obligeait à fabriquer des bijoux en or, jour et "
            "nuit.</p>"
            "<p>Le travail était aussi dangereux qu'interminable. L'air de l'atelier était "
            "saturé de produits chimiques toxiques et de fines poussières de métal, qu'ils "
            "respiraient pendant des heures d'affilée. Ils ne pouvaient pas partir, et "
            "n'avaient aucun moyen de faire savoir à leur famille où ils se trouvaient.</p>"
            "<h2>Le sauvetage</h2>"
            "<p>Notre équipe a collaboré avec les autorités locales pour repérer l'atelier et "
            "préparer une intervention. Le jour venu, des représentants des autorités et des "
            "membres de notre personnel y sont entrés ensemble et en ont fait sortir 44 "
            "garçons et 32 jeunes "
            "hommes, soit 76 personnes en tout. Des suspects ont été arrêtés : ceux qui avaient "
            "organisé cette traite devront en répondre devant un tribunal.</p>"
            "<p>Un sauvetage ne se termine pas quand les portes s'ouvrent. Dans les jours qui "
            "ont suivi, notre personnel est resté aux côtés des garçons et des jeunes hommes "
            "pendant que les autorités consignaient ce qu'ils avaient vécu et préparaient leur "
            "retour.</p>"
            "<h2>La nouvelle</h2>"
            "<p>Puis est arrivé le jour que montre la vidéo ci-dessus. On a réuni le groupe "
            "pour lui annoncer, tout simplement, que chacun allait rentrer chez lui.</p>"
            "<p>Pendant un instant, personne n'a bougé. Puis la salle a explosé de joie. Des "
            "garçons se sont levés d'un bond, en riant et en criant. Certains pleuraient. "
            "Plusieurs se sont précipités vers un membre de notre équipe et l'ont serré dans "
            "leurs bras, comme s'ils ne voulaient plus jamais le lâcher. Après tout ce temps, "
            "la maison n'était plus un souvenir : c'était un voyage qui commencerait dans "
            "quelques jours.</p>"
            "<p>Nous vous montrons cette vidéo parce qu'une telle joie se décrit mal avec des "
            "mots. Lancez la lecture, ou lisez la transcription juste en dessous.</p>"
        ),
        "figures": [(76, "personnes secourues")],
        "quotes": [],
        "alt": "Illustration servant d'affiche à la vidéo : une route pâle qui file vers un "
        "soleil doré bas sur l'horizon, empruntée par de petits points sombres, dans des tons "
        "de rouge profond et d'orange.",
        "caption": "",
        "clip": "Des garçons et des jeunes hommes célèbrent la nouvelle de leur retour à la maison",
    },
    "this-is-bablu": {
        "slug": "voici-bablu",
        "headline": "Voici Bablu",
        "summary": "Une dette de 15 $ retenait la famille de Bablu prisonnière d'un chantier "
        "de coupe de bois. Quelques jours avant sa naissance, elle a retrouvé la liberté.",
        "body": (
            "<p>Voici Bablu. Il est né libre, et il s'en est fallu de peu qu'il en soit "
            "autrement.</p>"
            "<p>Avant sa naissance, ses parents et sa grande sœur travaillaient sur un chantier "
            "de coupe de bois. Ils devaient y rembourser une dette de 15 $. La somme est "
            "modeste, mais dans la servitude pour dettes, le montant n'a jamais d'importance : "
            "c'est le propriétaire qui décide quand la dette est réglée, et elle ne l'est "
            "jamais.</p>"
            "<p>Le propriétaire du chantier était cruel. Peu à peu, il a pris le contrôle de "
            "chaque aspect de la vie de la famille : quand travailler, quand manger, si elle "
            "pouvait partir, à qui elle avait le droit de parler. Jour après jour, les parents "
            "et la sœur de Bablu coupaient du bois pour lui, et la dette ne diminuait "
            "jamais.</p>"
            "<h2>Quelques jours avant sa naissance</h2>"
            "<p>La mère de Bablu était enceinte quand notre équipe et les autorités locales "
            "sont venues enquêter sur le chantier. Il ne restait que quelques jours avant "
            "l'accouchement.</p>"
            "<p>Parler aux enquêteurs était risqué. La famille avait reçu des menaces, et "
            "chacun savait ce qui pourrait arriver si le propriétaire apprenait qu'elle avait "
            "parlé. La mère de Bablu a parlé quand même. Elle a tout raconté aux enquêteurs : "
            "la dette, le travail, les menaces, les années.</p>"
            "<p>Son courage a libéré toute la famille. Les autorités l'ont fait sortir du "
            "chantier, et la dette qui la tenait captive a été effacée pour de bon.</p>"
            "<h2>Né libre</h2>"
            "<p>Quelques jours plus tard, Bablu venait au monde. Jamais il ne coupera de "
            "bois pour s'acquitter d'une dette qu'on ne rembourse jamais. Jamais il n'apprendra à "
            "craindre l'homme qui possédait les journées de ses parents.</p>"
            "<p>La vidéo ci-dessus montre sa famille quelque temps après, en train de fêter "
            "autour d'un gâteau. C'est un moment de famille tout simple, de ceux que la plupart "
            "d'entre nous tiennent pour acquis : une table, un gâteau, un petit garçon au "
            "centre de l'attention, et des parents qui décident eux-mêmes de la façon de passer "
            "leur journée.</p>"
        ),
        "figures": [],
        "quotes": [],
        "alt": "Illustration servant d'affiche à la vidéo : un gâteau rond à deux étages, doré "
        "et pêche, surmonté de cinq bougies allumées, entouré de confettis qui tombent, sur un "
        "fond violet qui vire à l'orange.",
        "caption": "",
        "clip": "La famille de Bablu célèbre sa liberté autour d'un gâteau",
    },
}

# Same cues, same timings as the English captions; only the words change.
CLIP_CUES = {
    "youtube": [
        (
            "00:00:00.000",
            "00:00:04.000",
            "[Dans une salle, des garçons et des jeunes hommes sont assis par terre, serrés "
            "les uns contre les autres]",
        ),
        (
            "00:00:04.000",
            "00:00:08.000",
            "MEMBRE DU PERSONNEL : J'ai une nouvelle pour vous. Tout le monde rentre à la maison.",
        ),
        ("00:00:08.000", "00:00:12.000", "[Un instant de silence, puis des cris et des rires]"),
        (
            "00:00:12.000",
            "00:00:17.000",
            "[Des garçons se lèvent d'un bond et courent serrer le membre du personnel dans "
            "leurs bras]",
        ),
        ("00:00:17.000", "00:00:21.000", "UN GARÇON : À la maison! On rentre à la maison!"),
        ("00:00:21.000", "00:00:25.000", "[On continue d'applaudir et de crier de joie]"),
    ],
    "vimeo": [
        (
            "00:00:00.000",
            "00:00:04.000",
            "[Une famille se rassemble autour d'une table où trône un gâteau rond]",
        ),
        (
            "00:00:04.000",
            "00:00:08.000",
            "[On allume les bougies; un petit garçon se penche vers elles]",
        ),
        ("00:00:08.000", "00:00:12.000", "SA MÈRE : Voici Bablu. Il est né libre."),
        (
            "00:00:12.000",
            "00:00:16.000",
            "[Tout le monde applaudit quand les bougies sont soufflées]",
        ),
        ("00:00:16.000", "00:00:20.000", "[Des rires; on coupe le gâteau et on le partage]"),
    ],
}

# Keyed by the English title: (title, text, French link, link label).
CALLS_TO_ACTION = {
    "Start a fundraiser": (
        "Organiser une collecte de fonds",
        "Faites d'un anniversaire, d'une course ou d'une saucette polaire un rempart pour les "
        "personnes qui vivent dans la pauvreté. Pour bien démarrer, nous vous enverrons un "
        "guide gratuit : 25 conseils pour organiser sa première collecte de fonds.",
        "/fr/collecte-de-fonds/",
        "Organiser une collecte de fonds",
    ),
    "Share a story of hope": (
        "Faire connaître une histoire d'espoir",
        "Transmettez l'une de ces histoires à une personne de votre entourage. Chaque partage "
        "dit à une personne survivante que son histoire a été entendue.",
        "/fr/histoires/",
        "Choisir une histoire à partager",
    ),
    "Tell the story in the media": (
        "Raconter ces histoires dans les médias",
        "Vous êtes journaliste? Notre équipe des relations avec les médias peut organiser des "
        "entrevues et vous fournir des photos et de l'information de fond.",
        "/fr/contact-medias/",
        "Joindre l'équipe des médias",
    ),
}

# The media contact card's title (the name, address and number are the same
# made-up ones in both languages).
MEDIA_CARD_TITLE = "Directeur du marketing et des relations publiques"
