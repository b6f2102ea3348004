"""Load the demo Stories of Hope page: seven stories, the home collection and
"What you can do" items, with generated illustrations and their renditions.

Safe to run twice: rows are matched by slug and updated. ``--if-empty`` does
nothing when any story exists, so ``make run`` never overwrites an editor's work.
"""

from __future__ import annotations

import datetime

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from stories.illustrations import draw
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
        "On a day of pouring rain, her boundaries were marked and her home was hers again.",
        "body": (
            "<p>Hellen, a widow, fled her home during the war. When she was finally able to "
            "return, she found that neighbours had claimed her land as their own, and when the "
            "family resisted, the neighbours attacked them.</p>"
            "<p>Hellen reported the attack. We took up her case in 2013, and after two years "
            "in court the attackers were sentenced to six months of community service. That "
            "may sound small, but in a place where crimes against women are seldom punished at "
            "all, it told the whole community that what happened to Hellen mattered.</p>"
            "<h2>A thumbprint in the rain</h2>"
            "<p>The moment we want to share came on a day of heavy rain. Officials walked the "
            "land and marked its boundaries, and Hellen pressed her thumbprint onto the boundary "
            "agreement in the back seat of a car while a crowd outside cheered.</p>"
            "<p>Today Hellen and the 161 people who depend on her are safe at home.</p>"
        ),
        "figures": [(162, "made safe")],
        "quotes": [
            ("A thumbprint on a page in the back of a car, and a whole family could go home.", "")
        ],
        "image": ("rain", "sunrise", 11),
        "alt": "Abstract illustration: slanting pale strokes like rain falling across a deep red "
        "and amber background, with a soft golden circle glowing behind them.",
        "consent": "person",
        "published": datetime.datetime(2020, 4, 6, 9, 0),
    },
    {
        "slug": "from-the-hospital-to-the-high-court",
        "headline": "From the hospital to the high court",
        "country": "kenya",
        "themes": ["police-abuse"],
        "summary": "Police shot David and then charged him with crimes he never committed. "
        "Today he is an advocate of the High Court of Kenya, defending people who are poor.",
        "body": (
            "<p>In 2002, David lay in a hospital bed with a chain around his leg. Police had "
            "shot him, and his right hand had to be amputated. The same officers then charged "
            "him with crimes he had not committed. His family had no money for a lawyer.</p>"
            "<p>David became one of our very first cases in Kenya. Our lawyers defended him, "
            "the charges against him were dropped, and the officers who shot him were arrested "
            "and charged.</p>"
            "<p>While he was still in custody, David made a decision: he would become a lawyer "
            "himself, for people who cannot pay one. He studied law, passed the bar, and is now "
            "an Advocate of the High Court of Kenya. He gives the credit to his faith.</p>"
            "<h2>Graduation day</h2>"
            "<p>The moment we remember: David's sons running and leaping into his arms on the "
            "day he graduated.</p>"
        ),
        "figures": [],
        "quotes": [("He decided, while still in custody, to defend people like himself.", "")],
        "image": ("rings", "sky", 23),
        "alt": "Abstract illustration: wide concentric rings in gold, peach and pale blue "
        "spreading across a deep blue background that warms to amber at the bottom.",
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
            "<p>Jakelin grew up afraid. Her father abused everyone in the family and forced "
            "the children to work for him.</p>"
            "<p>Her mother finally went to the police. We provided a lawyer, and Jakelin found "
            "the courage to testify against her own father. He was sentenced to eight years in "
            "prison.</p>"
            "<p>Jakelin is safe now. She dreams of telling her story and of speaking up for "
            "other children and women who live with violence at home.</p>"
            "<h2>An embrace nobody planned</h2>"
            "<p>During the filming of a documentary, Jakelin's young son ran to her, and the "
            "two of them held each other. It was not in the script, and it was the moment "
            "everyone remembered.</p>"
        ),
        "figures": [],
        "quotes": [],
        "image": ("suns", "rose", 37),
        "alt": "Abstract illustration: soft overlapping circles in pink, peach and gold resting "
        "on a background that fades from deep rose to coral.",
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
            "<p>Walk into our office in Bolivia and you will see a matraca, a wooden rattle, "
            "on every desk. When someone on the team has good news, they spin their matraca, "
            "and soon the whole office is rattling along.</p>"
            "<p>In the middle of 2019 the rattles sounded for something special: the team's "
            "150th conviction in 14 years of work against sexual violence against children.</p>"
            "<p>That conviction meant two girls are safe from the man who abused them. And it "
            "is a sign of something bigger: a justice system that is coming alive to protect "
            "children.</p>"
        ),
        "figures": [(150, "convictions"), (14, "years of work")],
        "quotes": [("When one matraca sounds, everyone joins in.", "")],
        "image": ("confetti", "earth", 41),
        "alt": "Abstract illustration: a scatter of bright yellow, peach and cream dots like "
        "confetti over a background that shades from dark brown to burnt orange.",
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
            "<p>In early 2017, Luke was seven years old and immunocompromised. He was granted "
            "a wish trip, and his grandfather gave him $20 to spend on a souvenir.</p>"
            "<p>Luke did not spend it. He kept it, did jobs, and saved for six more months "
            "toward a big LEGO set he had his heart set on.</p>"
            "<p>Then, at church, he heard about people who are held in slavery. Luke insisted "
            "on giving every dollar he had saved to help them, delivered to us “in a really "
            "big envelope”, so that they could be called by their names.</p>"
        ),
        "figures": [],
        "quotes": [("So they can be called by their names.", "Luke, aged seven")],
        "image": ("waves", "meadow", 53),
        "alt": "Abstract illustration: layered wavy bands of pale yellow and soft green rising "
        "over a background that runs from deep green to mustard.",
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
            "<p>They had been trafficked almost 1,000 miles from home and forced to make gold "
            "jewellery day and night, breathing toxic chemicals and metal dust.</p>"
            "<p>Working with local officials, our team rescued 44 boys and 32 young men, and "
            "suspects were arrested.</p>"
            "<p>The clip shows what happened when they were told they would be going home: "
            "pure joy, and hugs for one of our staff members.</p>"
        ),
        "figures": [(76, "rescued")],
        "quotes": [],
        "image": ("suns", "ember", 67),
        "alt": "Abstract illustration used as the video poster: glowing circles of yellow, peach "
        "and cream floating over a dark red background that brightens to orange.",
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
            "<p>Before Bablu was born, his parents and his sister worked at a wood-cutting site "
            "to pay off a debt of $15. The owner was cruel, and he came to control every part "
            "of their lives.</p>"
            "<p>Just days before Bablu's birth, our team and local authorities came to "
            "investigate. The family was threatened, but his mother told the investigators "
            "everything. The family was freed.</p>"
            "<p>Bablu was born into freedom. In the clip, the family celebrates with cake.</p>"
        ),
        "figures": [],
        "quotes": [],
        "image": ("rings", "dusk", 79),
        "alt": "Abstract illustration used as the video poster: concentric rings in pink, gold "
        "and cream over a background that shades from deep purple to orange.",
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

CALLS_TO_ACTION = [
    (
        "Start a fundraiser",
        "Turn a birthday, a run or a polar dip into protection for people in poverty. We will "
        "send you a free guide to get started.",
        "/fundraise/",
        "Sign up to fundraise",
    ),
    (
        "Share a story of hope",
        "Pass one of these stories on to a friend. Every share tells a survivor that their "
        "story is heard.",
        "/stories/",
        "Browse all stories",
    ),
    (
        "Tell the story in the media",
        "Are you a journalist? Our media relations team can arrange interviews, photos and "
        "background.",
        "/media-contact/",
        "Contact the media team",
    ),
    (
        "Follow new stories",
        "Get each new story of hope as it is published, in any feed reader.",
        "/stories/feed/",
        "Subscribe to the feed",
    ),
]


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
        with transaction.atomic():
            images = self.load()
        # Renditions are made here rather than by the worker, so the demo looks
        # right even before a worker runs.
        for image in images:
            if not image.renditions:
                image.make_renditions()
        self.stdout.write(self.style.SUCCESS(f"Demo content loaded: {len(STORIES)} stories."))

    def illustration(self, motif, palette, seed, alt_text, name, *, decorative=False):
        picture = draw(palette, motif, seed)
        image = StoryImage(alt_text="" if decorative else alt_text, decorative=decorative)
        image.file = ContentFile(picture.data, name=f"{name}.jpg")
        image.credit = "Illustration generated for the demo"
        image.save()
        return image

    def load(self) -> list[StoryImage]:
        themes = {
            slug: Theme.objects.update_or_create(slug=slug, defaults={"name": name})[0]
            for slug, name in THEMES.items()
        }
        countries = {
            slug: Country.objects.update_or_create(slug=slug, defaults={"name": name})[0]
            for slug, name in COUNTRIES.items()
        }
        today = timezone.localdate()
        images = []
        stories = []
        for item in STORIES:
            consent = item["consent"]
            defaults = {
                "headline": item["headline"],
                "summary": item["summary"],
                "body": item["body"],
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
            if picture is None:
                motif, palette, seed = item["image"]
                picture = self.illustration(motif, palette, seed, item["alt"], item["slug"])
            images.append(picture)
            if "clip" in item:
                title, provider = item["clip"]
                clip = story.clip or Clip()
                clip.title, clip.external_url, clip.poster = title, CLIP_LINKS[provider], picture
                clip.save()
                story.clip, story.hero_image = clip, None
            else:
                story.hero_image = picture
            story.save()
            story.themes.set([themes[slug] for slug in item["themes"]])
            story.impact_figures.all().delete()
            for position, (number, label) in enumerate(item["figures"]):
                ImpactFigure.objects.create(
                    story=story, number=number, label=label, position=position
                )
            story.pull_quotes.all().delete()
            for position, (text, attribution) in enumerate(item["quotes"]):
                PullQuote.objects.create(
                    story=story, text=text, attribution=attribution, position=position
                )
            stories.append(story)

        home, _ = Collection.objects.update_or_create(
            slug=Collection.HOME_SLUG,
            defaults={
                "title": "Stories of Hope",
                "subtitle": "Moments of joy that keep us going",
                "introduction": INTRODUCTION,
            },
        )
        if home.hero_image is None:
            # Pure decoration behind the title: marked decorative, so no alt text.
            home.hero_image = self.illustration(
                "waves", "sunrise", 5, "", "stories-of-hope-banner", decorative=True
            )
            home.save()
        images.append(home.hero_image)
        home.items.all().delete()
        for position, story in enumerate(stories):
            CollectionItem.objects.create(collection=home, story=story, position=position)

        for position, (title, text, url, label) in enumerate(CALLS_TO_ACTION):
            CallToAction.objects.update_or_create(
                title=title,
                defaults={"text": text, "link_url": url, "link_label": label, "position": position},
            )
        return images
