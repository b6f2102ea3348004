"""The guide text the project ships. A data migration loads it once; after
that it is content staff edit in the admin, and this file is only the default.
"""

TITLE = "25 Tips for the Novice Fundraiser"

INTRO = (
    "Never run a fundraiser before? You don't need experience, a big network or a "
    "perfect plan. These tips come from supporters who started exactly where you are. "
    "Pick the ones that fit your idea, and ask us for help whenever you want it."
)

SECTIONS = [
    (
        "Plan a fundraiser you'll enjoy",
        [
            (
                "Start from something you already love",
                "A birthday, your weekly run, a game night, a bake sale at school: a "
                "fundraiser built on what you enjoy is easier to keep going on busy days.",
            ),
            (
                "Set a goal you can say in one sentence",
                '"I\'m raising $500 by my birthday on 12 May" is easier to share than a '
                "vague hope. Choose an amount and a date; you can raise the goal once you pass it.",
            ),
            (
                "Give yourself four to six weeks",
                "Pick your date, then work backwards. Put three reminders in your calendar: "
                "the launch, the halfway point and the final week.",
            ),
            (
                "Make the first gift yourself",
                "Even a small gift of your own shows you mean it, and a page that already "
                "has one gift feels less lonely to the next visitor.",
            ),
            (
                "Recruit one teammate",
                "A friend who shares the work doubles your reach and keeps you going. Agree "
                "who will ask whom, so nobody is asked twice.",
            ),
        ],
    ),
    (
        "Tell your story",
        [
            (
                "Say why this matters to you",
                "People give to people. Two or three honest sentences about why violence "
                "against people living in poverty moves you will do more than any statistic.",
            ),
            (
                "Use one fact, not ten",
                "Choose a single story or figure from our Stories of Hope page and explain it "
                "in your own words. Too many numbers blur together.",
            ),
            (
                "Add a photo of yourself",
                "A clear, friendly photo of you helps people recognise you and trust your "
                "page. Never use a photo of a survivor or anyone else without their permission.",
            ),
            (
                "Describe what a gift makes possible",
                "People want to know what their money does. Ask the events team for current, "
                "accurate examples and quote them as they are; please don't invent figures.",
            ),
            (
                "Keep it short",
                "Your first message and your page should take less than a minute to read. "
                "Add a link for anyone who wants to learn more.",
            ),
        ],
    ),
    (
        "Ask personally",
        [
            (
                "Write a list of 30 people",
                "Family, friends, coworkers, neighbours, your team, your class or your "
                "congregation. Most gifts to a first fundraiser come from people who know you.",
            ),
            (
                "Ask one person at a time",
                "A personal message or a phone call works far better than a group post. Use "
                "their name and tell them why you thought of them.",
            ),
            (
                "Ask for a specific amount",
                '"Would you give $25 toward my goal?" is easier to answer than "anything '
                'helps". Offer two or three amounts and let people choose.',
            ),
            (
                "Ask your closest supporters first",
                "Early gifts from the people who love you set the tone, and a fundraiser that "
                "is already moving encourages everyone else.",
            ),
            (
                "Follow up once, kindly",
                "People are busy, not unwilling. One friendly reminder about a week later is "
                "normal; after that, let it go and thank them for reading.",
            ),
            (
                "Ask about workplace matching",
                "Many employers match their staff's donations. A two-minute email to your "
                "human resources team can double the gifts from your coworkers.",
            ),
        ],
    ),
    (
        "Keep it going, safely",
        [
            (
                "Share progress, not only requests",
                "Post an update when you reach a quarter, half and three quarters of your goal. "
                "People like joining something that is moving.",
            ),
            (
                "Let people see the day itself",
                "Photos of the cake, the cold water or the finish line give people a reason to "
                "give at the last minute. Ask before posting photos of other people.",
            ),
            (
                "Plan for safety and the rules",
                "A polar dip needs trained lifeguards, a run needs a safe route, and raffles "
                "usually need a licence from your province. If you're not sure, ask us first.",
            ),
            (
                "Handle cash with a second person",
                "Count cash with someone else present, write the total down together, and "
                "send it in within a week. The events team will tell you how.",
            ),
            (
                "Leave tax receipts to us",
                "Only the charity can issue tax receipts, and only for eligible gifts. Point "
                "donors to the official donation page, or ask the events team.",
            ),
        ],
    ),
    (
        "Say thank you",
        [
            (
                "Thank every donor within two days",
                "A short personal note soon after a gift makes people feel seen, and people "
                "who are thanked quickly are more likely to give again.",
            ),
            (
                "Thank the people who cheered, too",
                "Sharing your posts, showing up and cheering you on all count. Thank them as "
                "warmly as the donors.",
            ),
            (
                "Share the final result",
                "Tell everyone what you raised together and what it means. Closing the loop "
                "builds trust for the next time you ask.",
            ),
            (
                "Rest, then note what you learned",
                "Write down what worked while it's fresh; next year will be easier. We'd love "
                "to hear your ideas, too.",
            ),
        ],
    ),
]


def load(Guide, GuideSection, GuideTip) -> bool:
    """Create the default guide with these model classes (historical ones in the
    migration, the real ones in tests). Leaves a guide that has sections alone
    and returns False, so staff edits are never overwritten."""
    guide, created = Guide.objects.get_or_create(pk=1, defaults={"title": TITLE, "intro": INTRO})
    if not created and GuideSection.objects.filter(guide=guide).exists():
        return False
    for section_order, (section_title, tips) in enumerate(SECTIONS, start=1):
        section = GuideSection.objects.create(
            guide=guide, title=section_title, order=section_order * 10
        )
        GuideTip.objects.bulk_create(
            GuideTip(section=section, order=tip_order * 10, title=title, text=text)
            for tip_order, (title, text) in enumerate(tips, start=1)
        )
    return True
