"""Load the demo Stories of Hope page: seven stories, the home collection and
"What you can do" items, with generated illustrations and their renditions, in
English and in French (the French text is in ``_demo_fr.py``; see
docs/french-demo.md). The French guide and the media card's French title are
given to the shipped guide and card where staff have not written their own.

Safe to run twice: rows are matched by their English slug or title and updated.
``--if-empty`` does nothing when any story exists, so ``make run`` never
overwrites an editor's work.
"""

from __future__ import annotations

import datetime

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone, translation

from config.typography import french_spacing
from contact.models import DEFAULT_CARD, MediaContact
from fundraising import default_guide, default_guide_fr
from fundraising.models import Guide, GuideSection, GuideTip
from stories.illustrations import draw
from stories.management.commands import _demo_fr as fr
from stories.models import (
    CallToAction,
    Clip,
    Collection,
    CollectionItem,
    Country,
    ImpactFigure,
    PullQuote,
    Story,
    StoryImage,
    Theme,
)

INTRODUCTION = (
    "The news this season has been fast and frightening. While a pandemic changes daily "
    "life everywhere, we want to share a few moments of joy from people who have survived "
    "slavery and violence.\n\n"
    "Each of these stories is a small light in a dark time. We hope they encourage you as "
    "much as they encourage us."
)

THEMES = {
    "land-rights": "Land rights",
    "violence-against-women": "Violence against women",
    "police-abuse": "Police abuse of power",
    "family-violence": "Family violence",
    "child-labour": "Forced child labour",
    "sexual-violence-against-children": "Sexual violence against children",
    "supporters": "Supporters",
    "forced-labour": "Forced labour",
    "trafficking": "Trafficking",
    "bonded-labour": "Bonded labour",
}

COUNTRIES = {"uganda": "Uganda", "kenya": "Kenya", "bolivia": "Bolivia"}

STORIES = [
    {
        "slug": "one-home-restored-162-made-safe",
        "headline": "One home restored, 162 made safe",
        "country": "uganda",
        "themes": ["land-rights", "violence-against-women"],
        "summary": "Hellen came home from war to find her land taken and her family attacked. "
        "On a day of pouring rain, she pressed her thumbprint onto the agreement that gave "
        "it back.",
        "body": (
            "<p>When the war reached her part of Uganda, Hellen, a widow, ran with her family "
            "and did not look back. For years home was only a memory: a field, a house, the "
            "place where her children had grown up.</p>"
            "<p>When it was finally safe to return, the memory was all she had left. "
            "Neighbours had moved onto her land and called it theirs. When Hellen and her "
            "family tried to stay, the neighbours attacked them.</p>"
            "<p>Many women in her place would have kept quiet. Where Hellen lives, crimes "
            "against women are seldom punished, and a widow who speaks up can make her "
            "situation worse. Hellen reported the attack anyway.</p>"
            "<h2>Two years in court</h2>"
            "<p>We took up her case in 2013. It took two years, but the attackers were "
            "convicted and sentenced to six months of community service. It may sound like a "
            "small sentence. In that community it was rare, and everyone understood what it "
            "meant: what had been done to Hellen was a crime, and the law had said so out "
            "loud.</p>"
            "<h2>A thumbprint in the rain</h2>"
            "<p>The moment we keep coming back to happened on a day when the rain would not "
            "stop. Local officials walked the edges of Hellen's land in the downpour and "
            "marked its boundaries, one by one. Then the boundary agreement had to be "
            "signed, and the only dry place was the back seat of a car.</p>"
            "<p>So that is where Hellen sat, the door open, the paper on her knee. She pressed "
            "her thumb into the ink and then onto the page. Outside, a crowd of neighbours "
            "and relatives stood in the rain and cheered as if it were a wedding.</p>"
            "<p>That thumbprint did more than settle a line on a map. Hellen supports 161 "
            "other people: children, grandchildren and relatives who depend on the land for "
            "food and a roof. All 162 of them are safe at home today.</p>"
            "<p>Hellen's story is one reason we keep working on land rights: for a widow, a "
            "field is not just property. It is the difference between a family that can stay "
            "together and one that has nowhere to go.</p>"
        ),
        "figures": [(162, "made safe")],
        "quotes": [
            (
                "A thumbprint on a page in the back of a car, and a whole family could go home.",
                "Our team in Uganda, remembering the day",
                False,
            )
        ],
        "image": ("thumbprint", "storm", 11),
        "alt": "Illustration: slanting strokes of rain falling over a sheet of paper that carries "
        "a dark red thumbprint, on a background shading from slate blue to amber.",
        "caption": "The boundary agreement, signed with a thumbprint on a day of pouring rain.",
        "consent": "person",
        "published": datetime.datetime(2020, 4, 6, 9, 0),
    },
    {
        "slug": "from-the-hospital-to-the-high-court",
        "headline": "From the hospital to the high court",
        "country": "kenya",
        "themes": ["police-abuse"],
        "summary": "Police shot David and then charged him with crimes he never committed. "
        "Today he is an Advocate of the High Court of Kenya, defending people who cannot pay "
        "a lawyer.",
        "body": (
            "<p>In 2002, David lay in a hospital bed in Kenya with a chain holding him to the "
            "frame. Police officers had shot him. His right hand could not be saved and had "
            "to be amputated.</p>"
            "<p>Then the same officers charged him with crimes he had not committed. It is "
            "a pattern we know well: when police abuse their power, the person they hurt can "
            "be turned into the accused, and the story of the shooting disappears behind a "
            "charge sheet. David's family had no money for a lawyer. Without one, he faced "
            "the court alone.</p>"
            "<h2>One of our first cases in Kenya</h2>"
            "<p>David became one of the very first people our team in Kenya stood beside. Our "
            "lawyers took on his defence. The charges against him were dropped, and the "
            "officers who had shot him were arrested and charged themselves.</p>"
            "<p>Something else happened in those months, and it started while David was "
            "still in custody. He had watched what a lawyer could do for a man nobody "
            "believed. He made a decision there, in a cell: he would become that lawyer, for "
            "people as poor as he was.</p>"
            "<p>It was a long road. David studied law. He sat the bar examination and passed. "
            "Today he is an Advocate of the High Court of Kenya, and the people who come to "
            "him are often the people no one else will defend. He gives the credit to his "
            "faith, which he says carried him from the hospital bed to the courtroom.</p>"
            "<h2>Graduation day</h2>"
            "<p>The picture we hold on to comes from the day David graduated. As the "
            "ceremony ended, his sons broke away from the crowd, ran to their father and "
            "leapt into his arms, one after the other.</p>"
            "<p>The boys will not remember the chain on the hospital bed. They will remember "
            "a father in a graduation gown, laughing, holding on to both of them.</p>"
        ),
        "figures": [],
        "quotes": [
            (
                "He made his decision in a cell: he would become the lawyer he had needed.",
                "Retold by our Kenya team",
                False,
            )
        ],
        "image": ("leap", "sky", 23),
        "alt": "Illustration: two small rounded yellow figures arcing through the air toward a "
        "tall pale figure with raised arms, against a sky fading from deep blue to gold.",
        "caption": "Graduation day: his sons leapt into his arms.",
        "consent": "person",
        "published": datetime.datetime(2020, 4, 8, 9, 0),
    },
    {
        "slug": "hope-in-a-mothers-embrace",
        "headline": "Hope in a mother’s embrace",
        "country": None,
        "themes": ["family-violence", "child-labour"],
        "summary": "Jakelin testified against the father who abused her family and forced the "
        "children to work. Now she is safe, and she wants to speak up for others.",
        "body": (
            "<p>For most of her childhood, Jakelin lived with fear in her own house. Her "
            "father abused everyone in the family. He forced the children to work for him, "
            "and nobody outside the walls seemed to notice or to care.</p>"
            "<p>The turning point came from her mother. One day she went to the police and "
            "reported him. It is one of the hardest things a person can do: to name the man "
            "you live with, knowing he may come home before anyone helps you.</p>"
            "<h2>Finding her voice</h2>"
            "<p>We provided a lawyer for the family, and the case went to court. There, "
            "Jakelin did something many adults could not have done. She stood up and "
            "testified against her own father, describing what he had done to her, to her "
            "mother and to the other children.</p>"
            "<p>The court believed her. Her father was sentenced to eight years in prison.</p>"
            "<p>Jakelin is safe now. The fear that filled her childhood has given way to "
            "something else: a wish to help. She dreams of telling her story in public, so "
            "that other children and women living with violence at home know that it can "
            "end, and that the law can be on their side.</p>"
            "<h2>An embrace nobody planned</h2>"
            "<p>Some time later, a small crew came to film a documentary about her. They had "
            "a plan for each scene: where Jakelin would sit, what she would talk about, "
            "where the light would fall.</p>"
            "<p>Her young son had not seen the plan. In the middle of the filming he ran "
            "across the room and threw his arms around his mother, and she held him tight. "
            "Nobody said “cut”. The camera kept rolling, and the crew stood still.</p>"
            "<p>It was not in the script. It became the moment everyone remembered: a child "
            "who will grow up without the fear his mother knew, held by the woman who "
            "refused to stay silent.</p>"
        ),
        "figures": [],
        "quotes": [],
        "image": ("embrace", "rose", 37),
        "alt": "Illustration: a tall pale pink rounded form and a smaller yellow one leaning "
        "together inside a soft halo, a light curve like an arm around them both, on rose.",
        "caption": "The embrace that was not in the script.",
        "consent": "person",
        "published": datetime.datetime(2020, 4, 13, 9, 0),
    },
    {
        "slug": "the-sound-of-good-news",
        "headline": "The sound of good news",
        "country": "bolivia",
        "themes": ["sexual-violence-against-children"],
        "summary": "In our Bolivia office, every desk has a matraca, a wooden rattle. When one "
        "sounds, everyone joins in: it means justice for a child.",
        "body": (
            "<p>Walk into our office in Bolivia on an ordinary day and you will notice "
            "something on every desk, beside the files and the coffee cups: a matraca, a "
            "wooden rattle with a handle, the kind that clatters when you spin it.</p>"
            "<p>The team works against sexual violence against children, and most days "
            "the work is slow and heavy. Cases take years. Children have to tell their "
            "stories again and again. Hearings are postponed. So the team decided long ago "
            "that good news would never pass quietly.</p>"
            "<h2>When one rattle sounds</h2>"
            "<p>When a lawyer or a social worker hears that a case has been won, they pick "
            "up their matraca and spin it. Within seconds someone at the next desk grabs "
            "theirs, then someone across the room, until the whole office is rattling "
            "together and people come out of meetings to find out what happened.</p>"
            "<p>In the middle of 2019, the rattles sounded for something special. The team "
            "had secured its 150th conviction in 14 years of work.</p>"
            "<p>Behind that number were two girls. The man who had abused them was "
            "convicted, and they are safe from him. For them, the 150th conviction was not a "
            "milestone. It was the end of being afraid.</p>"
            "<h2>A system coming alive</h2>"
            "<p>The number also says something about Bolivia's courts. Fourteen years ago, a "
            "conviction for abusing a child was rare. Today police, prosecutors and judges "
            "take these cases on and see them through, more often each year. The justice "
            "system is coming alive to protect children, and the team can hear it happening, "
            "one rattle at a time.</p>"
            "<p>If you ever visit, ask to hold a matraca. They are louder than you expect.</p>"
        ),
        "figures": [(150, "convictions"), (14, "years of work")],
        "quotes": [("When one matraca sounds, everyone joins in.", "Our team in Bolivia", False)],
        "image": ("rattles", "earth", 41),
        "alt": "Illustration: three wooden rattles on handles, in yellow, peach and orange, "
        "with arcs of sound spreading above them, on a background from brown to burnt orange.",
        "caption": "A matraca on every desk: when one sounds, the whole office joins in.",
        "consent": "nobody",
        "published": datetime.datetime(2020, 4, 15, 9, 0),
    },
    {
        "slug": "the-wisdom-of-a-seven-year-old",
        "headline": "The wisdom of a seven-year-old",
        "country": None,
        "themes": ["supporters"],
        "summary": "Luke saved his souvenir money for months toward a big LEGO set. Then he "
        "learned about people held in slavery, and he gave it all away.",
        "body": (
            "<p>In early 2017, Luke was seven years old. He is immunocompromised, and he had "
            "been granted a wish trip, the kind of journey children with serious illnesses "
            "look forward to for months. Before he left, his grandfather pressed $20 into "
            "his hand for a souvenir.</p>"
            "<p>Luke came home with the $20 still in his pocket. He had a bigger plan: a LEGO "
            "set, a really big one, the kind that costs far more than a souvenir. For six "
            "more months he did jobs, counted his money and saved every dollar he "
            "earned.</p>"
            "<h2>What he heard at church</h2>"
            "<p>Then one Sunday, at church, Luke heard about people who are held in slavery "
            "today: children and adults forced to work, unable to leave, with nobody coming "
            "to help. On the way home, he had a question. His mother told us afterwards "
            "how the conversation went, more or less like this.</p>"
            "<p>“Mom, are there really people who aren't allowed to go home?”</p>"
            "<p>“There are. Millions of them.”</p>"
            "<p>“Then I want to give them my LEGO money.”</p>"
            "<p>“All of it? You've been saving since your trip.”</p>"
            "<p>“All of it. In a really big envelope.”</p>"
            "<p>“Why a big one?”</p>"
            "<p>“So they know it's important. So they can be called by their names.”</p>"
            "<p>His mother tried, gently, to suggest he keep a little for himself. Luke would "
            "not hear of it. The LEGO set could wait. The people he had heard about could "
            "not.</p>"
            "<h2>The envelope</h2>"
            "<p>A few weeks later, a really big envelope arrived at our office, with every "
            "dollar Luke had saved inside. We have opened many gifts, but few that have "
            "taught us so much. Luke understood something grown-ups often forget: that "
            "the people we work for are not numbers, but people with names, and that "
            "freedom means being called by yours.</p>"
        ),
        "figures": [],
        "quotes": [
            (
                "So they know it's important. So they can be called by their names.",
                "Luke, aged seven, as his mother remembers it",
                False,
            )
        ],
        "image": ("envelope", "meadow", 53),
        "alt": "Illustration: a large open envelope in pale green and yellow with small "
        "golden hearts rising out of it, on a background from deep green to mustard.",
        "caption": "A really big envelope, with every dollar inside.",
        "consent": "pseudonym",
        "published": datetime.datetime(2020, 4, 20, 9, 0),
    },
    {
        "slug": "finally-headed-home",
        "headline": "Finally headed home",
        "country": None,
        "themes": ["forced-labour", "trafficking"],
        "summary": "Forty-four boys and 32 young men were forced to make gold jewellery far from "
        "home. Watch the moment they heard they were going back to their families.",
        "body": (
            "<p>They had been taken almost 1,000 miles from home. Some were still young "
            "boys; others were young men. At the end of the journey was a workshop where "
            "they were made to produce gold jewellery, day and night.</p>"
            "<p>The work was dangerous as well as endless. The air in the workshop was thick "
            "with toxic chemicals and fine metal dust, and they breathed it in for hours at "
            "a time. They could not leave, and they had no way of telling their families "
            "where they were.</p>"
            "<h2>The rescue</h2>"
            "<p>Our team worked with local officials to find the workshop and plan a rescue. "
            "On the day, officials and our staff went in together and brought out 44 boys "
            "and 32 young men: 76 people in all. Suspects were arrested, so the people who "
            "had trafficked them would have to answer for it in court.</p>"
            "<p>A rescue does not end when the doors open. In the days that followed, our "
            "staff stayed with the boys and young men while officials recorded what had "
            "happened to them and prepared for their return.</p>"
            "<h2>The news</h2>"
            "<p>Then came the day the clip above shows. The group was gathered together and "
            "told, simply, that they were going home.</p>"
            "<p>For a moment nobody moved. Then the room erupted. Boys jumped up, laughing "
            "and shouting. Some cried. Several of them rushed to one of our staff members and "
            "wrapped their arms around him, holding on as though they would never let go. "
            "Home, after so long, was no longer a memory. It was a journey that would start "
            "in a few days.</p>"
            "<p>We share the clip because joy like that is hard to describe in words. Press "
            "play, or read the transcript below it.</p>"
        ),
        "figures": [(76, "rescued")],
        "quotes": [],
        "image": ("road", "ember", 67),
        "alt": "Illustration used as the video poster: a pale road running toward a low golden "
        "sun on the horizon, small dark dots travelling along it, on deep red and orange.",
        "caption": "",
        "clip": ("Boys and young men celebrate the news that they are going home", "youtube"),
        "consent": "person",
        "published": datetime.datetime(2020, 4, 22, 9, 0),
    },
    {
        "slug": "this-is-bablu",
        "headline": "This is Bablu",
        "country": None,
        "themes": ["bonded-labour"],
        "summary": "Bablu's family was trapped at a wood-cutting site over a $15 debt. Days "
        "before he was born, they were set free.",
        "body": (
            "<p>This is Bablu. He was born free, and that was very nearly not the case.</p>"
            "<p>Before Bablu was born, his parents and his older sister worked at a "
            "wood-cutting site. They were there to pay off a debt of $15. It is a small sum, "
            "but in bonded labour the size of the debt is never the point: the owner decides "
            "when it is paid, and it never is.</p>"
            "<p>The owner of the site was cruel. Over time he took control of every part of "
            "the family's lives: when they worked, when they ate, whether they could leave, "
            "whom they could speak to. Bablu's parents and sister cut wood for him day after "
            "day, and the debt did not get any smaller.</p>"
            "<h2>Days before his birth</h2>"
            "<p>Bablu's mother was pregnant when our team and local authorities came to the "
            "site to investigate. It was only days before he was due.</p>"
            "<p>Speaking to investigators was dangerous. The family was threatened, and "
            "everyone understood what could happen if the owner found out they had talked. "
            "Bablu's mother talked anyway. She told the investigators everything: the debt, "
            "the work, the threats, the years.</p>"
            "<p>Her courage freed the whole family. The authorities released them from the "
            "site, and the debt that had held them was finished for good.</p>"
            "<h2>Born into freedom</h2>"
            "<p>A few days later, Bablu was born. He will never cut wood to pay off a debt "
            "that cannot be paid. He will never learn to be afraid of the man who owned his "
            "parents' days.</p>"
            "<p>The clip above shows his family some time later, celebrating with a cake. It "
            "is an ordinary family moment, the kind most of us take for granted: a table, a "
            "cake, a little boy at the centre of it all, and parents who decide for "
            "themselves how to spend their day.</p>"
        ),
        "figures": [],
        "quotes": [],
        "image": ("cake", "dusk", 79),
        "alt": "Illustration used as the video poster: a round two-tier cake in gold and peach "
        "with five lit candles, confetti dots falling around it, on purple fading to orange.",
        "caption": "",
        "clip": ("Bablu's family celebrates his freedom with cake", "vimeo"),
        "consent": "person",
        "published": datetime.datetime(2020, 4, 27, 9, 0),
    },
]

# Plausible example video addresses: never contacted unless a visitor presses play.
CLIP_LINKS = {
    "youtube": "https://www.youtube.com/watch?v=Xk3vR8mPq2Y",
    "vimeo": "https://vimeo.com/348219756",
}

CREDIT = "Illustration: Stories of Hope"

# What each clip shows, as captions (WebVTT) and as the transcript on the page.
CLIP_CUES = {
    "youtube": [
        (
            "00:00:00.000",
            "00:00:04.000",
            "[A room of boys and young men sit close together on the floor]",
        ),
        (
            "00:00:04.000",
            "00:00:08.000",
            "STAFF MEMBER: I have news for you. Everyone is going home.",
        ),
        ("00:00:08.000", "00:00:12.000", "[A moment of silence, then shouting and laughter]"),
        ("00:00:12.000", "00:00:17.000", "[Boys jump up and run to hug the staff member]"),
        ("00:00:17.000", "00:00:21.000", "A BOY: Home! We are going home!"),
        ("00:00:21.000", "00:00:25.000", "[Cheering and clapping continue]"),
    ],
    "vimeo": [
        ("00:00:00.000", "00:00:04.000", "[A family gathers around a table with a round cake]"),
        ("00:00:04.000", "00:00:08.000", "[Candles are lit; a little boy leans toward them]"),
        ("00:00:08.000", "00:00:12.000", "HIS MOTHER: This is Bablu. He was born free."),
        ("00:00:12.000", "00:00:16.000", "[Everyone claps as the candles are blown out]"),
        ("00:00:16.000", "00:00:20.000", "[Laughter; the cake is cut and shared]"),
    ],
}

CALLS_TO_ACTION = [
    (
        "Start a fundraiser",
        "Turn a birthday, a run or a polar dip into protection for people in poverty. We will "
        "send you a free guide, 25 Tips for the Novice Fundraiser, to get started.",
        "/fundraise/",
        "Start a fundraiser",
    ),
    (
        "Share a story of hope",
        "Pass one of these stories on to a friend. Every share tells a survivor that their "
        "story is heard.",
        "/stories/",
        "Choose a story to share",
    ),
    (
        "Tell the story in the media",
        "Are you a journalist? Our media relations team can arrange interviews, photos and "
        "background.",
        "/media-contact/",
        "Contact the media team",
    ),
]
# Offered in earlier versions of the demo; the feed now lives in the footer and
# on the story list, not among the donor actions.
RETIRED_CALLS_TO_ACTION = ["Follow new stories"]


def captions_vtt(cues) -> str:
    blocks = [f"{start} --> {end}\n{text}" for start, end, text in cues]
    return "WEBVTT\n\n" + "\n\n".join(blocks) + "\n"


def transcript_text(cues) -> str:
    return "\n\n".join(text for _start, _end, text in cues)


class Command(BaseCommand):
    help = "Load the demo Stories of Hope page (seven stories, illustrations, home collection)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already has stories.",
        )

    def handle(self, *args, if_empty=False, **options):
        if if_empty and Story.objects.exists():
            self.stdout.write("Stories exist already; demo content not loaded.")
            return
        # English words go to the English fields (modeltranslation writes the
        # active language); the French ones are set on the _fr fields by name.
        with translation.override("en"), transaction.atomic():
            images = self.load()
            self.load_guide_and_card()
        # Renditions are made here rather than by the worker, so the demo looks
        # right even before a worker runs.
        for image in images:
            if not image.renditions:
                image.make_renditions()
        self.stdout.write(self.style.SUCCESS(f"Demo content loaded: {len(STORIES)} stories."))

    def illustration(self, motif, palette, seed, alt_text, name, *, caption="", decorative=False):
        picture = draw(palette, motif, seed)
        image = StoryImage(alt_text="" if decorative else alt_text, decorative=decorative)
        image.file = ContentFile(picture.data, name=f"{name}.jpg")
        image.caption, image.credit = caption, CREDIT
        image.save()
        return image

    def load_guide_and_card(self):
        """The shipped guide (created if missing) and media card get their French
        words, unless staff have already written French, or changed the English."""
        default_guide.load(Guide, GuideSection, GuideTip)
        default_guide_fr.load_french(Guide, GuideSection, GuideTip)
        card = MediaContact.load()
        if card.title_en == DEFAULT_CARD["title"] and not card.title_fr:
            card.title_fr = fr.MEDIA_CARD_TITLE
            card.save(update_fields=["title_fr"])

    def load(self) -> list[StoryImage]:
        themes = {
            slug: Theme.objects.update_or_create(
                slug=slug, defaults={"name": name, "name_fr": fr.THEMES[slug]}
            )[0]
            for slug, name in THEMES.items()
        }
        countries = {
            slug: Country.objects.update_or_create(
                slug=slug, defaults={"name": name, "name_fr": fr.COUNTRIES[slug]}
            )[0]
            for slug, name in COUNTRIES.items()
        }
        today = timezone.localdate()
        images = []
        stories = []
        for item in STORIES:
            consent = item["consent"]
            french = fr.STORIES[item["slug"]]
            defaults = {
                "headline": item["headline"],
                "summary": item["summary"],
                "body": item["body"],
                "headline_fr": french_spacing(french["headline"]),
                "slug_fr": french["slug"],
                "summary_fr": french_spacing(french["summary"]),
                "body_fr": french_spacing(french["body"]),
                "country": countries.get(item["country"]),
                "state": Story.State.PUBLISHED,
                "publish_at": timezone.make_aware(item["published"]),
                "identifies_nobody": consent == "nobody",
                "pseudonym_used": consent == "pseudonym",
                "consent_obtained_on": None if consent == "nobody" else datetime.date(2020, 3, 2),
                "consent_scope": ""
                if consent == "nobody"
                else (
                    "Website, social media and press; first name (or pseudonym), photographs "
                    "and video"
                ),
                "consent_expires_on": None
                if consent == "nobody"
                else today.replace(year=today.year + 3, day=min(today.day, 28)),
            }
            story = Story.objects.filter(slug=item["slug"]).first() or Story(slug=item["slug"])
            for field, value in defaults.items():
                setattr(story, field, value)
            picture = story.hero_image or (story.clip.poster if story.clip else None)
            motif, palette, seed = item["image"]
            if picture is None or picture.credit != CREDIT:
                # Earlier demo art (shared motifs, a developer's caption) is redrawn.
                picture = self.illustration(
                    motif, palette, seed, item["alt"], item["slug"], caption=item["caption"]
                )
            picture.alt_text_fr = "" if picture.decorative else french_spacing(french["alt"])
            picture.caption_fr = french_spacing(french["caption"])
            picture.credit_fr = french_spacing(fr.CREDIT)
            picture.save(update_fields=["alt_text_fr", "caption_fr", "credit_fr"])
            images.append(picture)
            if "clip" in item:
                title, provider = item["clip"]
                clip = story.clip or Clip()
                clip.title, clip.external_url, clip.poster = title, CLIP_LINKS[provider], picture
                clip.transcript = transcript_text(CLIP_CUES[provider])
                clip.captions.save(
                    f"{item['slug']}.vtt",
                    ContentFile(captions_vtt(CLIP_CUES[provider]).encode()),
                    save=False,
                )
                french_cues = [
                    (start, end, french_spacing(text))
                    for start, end, text in fr.CLIP_CUES[provider]
                ]
                clip.title_fr = french_spacing(french["clip"])
                clip.transcript_fr = transcript_text(french_cues)
                clip.captions_fr.save(
                    f"{french['slug']}.vtt",
                    ContentFile(captions_vtt(french_cues).encode()),
                    save=False,
                )
                clip.save()
                story.clip, story.hero_image = clip, None
            else:
                story.hero_image = picture
            story.save()
            story.themes.set([themes[slug] for slug in item["themes"]])
            story.impact_figures.all().delete()
            for position, ((number, label), (_number, label_fr)) in enumerate(
                zip(item["figures"], french["figures"], strict=True)
            ):
                ImpactFigure.objects.create(
                    story=story,
                    number=number,
                    label=label,
                    label_fr=french_spacing(label_fr),
                    position=position,
                )
            story.pull_quotes.all().delete()
            for position, ((text, attribution, verbatim), (text_fr, attribution_fr)) in enumerate(
                zip(item["quotes"], french["quotes"], strict=True)
            ):
                PullQuote.objects.create(
                    story=story,
                    text=text,
                    attribution=attribution,
                    text_fr=french_spacing(text_fr),
                    attribution_fr=french_spacing(attribution_fr),
                    verbatim=verbatim,
                    position=position,
                )
            stories.append(story)

        home, _ = Collection.objects.update_or_create(
            slug=Collection.HOME_SLUG,
            defaults={
                "title": "Stories of Hope",
                "subtitle": "Moments of joy that keep us going",
                "introduction": INTRODUCTION,
                **{f"{field}_fr": french_spacing(text) for field, text in fr.COLLECTION.items()},
            },
        )
        if home.hero_image is None or home.hero_image.credit != CREDIT:
            # Pure decoration behind the title: marked decorative, so no alt text.
            home.hero_image = self.illustration(
                "waves", "sunrise", 5, "", "stories-of-hope-banner", decorative=True
            )
            home.save()
        home.hero_image.credit_fr = french_spacing(fr.CREDIT)
        home.hero_image.save(update_fields=["credit_fr"])
        images.append(home.hero_image)
        home.items.all().delete()
        for position, story in enumerate(stories):
            CollectionItem.objects.create(collection=home, story=story, position=position)

        for position, (title, text, url, label) in enumerate(CALLS_TO_ACTION):
            title_fr, text_fr, url_fr, label_fr = fr.CALLS_TO_ACTION[title]
            CallToAction.objects.update_or_create(
                title=title,
                defaults={
                    "text": text,
                    "link_url": url,
                    "link_label": label,
                    "title_fr": french_spacing(title_fr),
                    "text_fr": french_spacing(text_fr),
                    "link_url_fr": url_fr,
                    "link_label_fr": french_spacing(label_fr),
                    "position": position,
                    "is_active": True,
                },
            )
        CallToAction.objects.filter(title__in=RETIRED_CALLS_TO_ACTION).update(is_active=False)
        return images
