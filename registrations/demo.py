"""Demo sign-ups: the next few in-person events of Järvelä take sign-ups, one is full with a
waiting list. Invented people at example.invalid addresses only."""

import uuid

from django.utils import timezone

from participation_pages.models import EventPage
from registrations.models import RegistrationQuestion

FIRST = ["Aino", "Eero", "Helmi", "Ilmari", "Kerttu", "Lauri", "Martta", "Niilo", "Oona", "Pekka", "Saga",
         "Tuomas", "Venla", "Wilhelm", "Ylva", "Aleksi", "Bea", "Camilla"]
LAST = ["Järvinen", "Koivisto", "Lindholm", "Mäkelä", "Nieminen", "Salo", "Westerlund", "Heikkilä"]

GROUP_QUESTION = {
    "clean_name": "rinnakkaisryhma",
    "fi": ("Mihin rinnakkaisryhmään haluat?", "Liikenne ja kadut\nKoulut, päiväkodit ja nuoret\nPuistot, luonto ja liikunta"),
    "sv": ("Vilken parallell grupp vill du delta i?", "Trafik och gator\nSkolor, daghem och unga\nParker, natur och motion"),
    "en": ("Which parallel group would you like to join?", "Traffic and streets\nSchools, day care and young people\nParks, nature and sport"),
}
DIET_QUESTION = {
    "clean_name": "ruokavalio",
    "fi": ("Erityisruokavalio (kahvitarjoilu)", ""),
    "sv": ("Specialdiet (kaffeservering)", ""),
    "en": ("Special diet (coffee and snacks)", ""),
}

# (capacity, waiting list, largest group, people signed up, questions)
PLAN = [
    (12, 10, 2, 15, [GROUP_QUESTION, DIET_QUESTION]),  # full, three on the waiting list
    (40, None, 4, 9, [GROUP_QUESTION]),
    (25, 5, 1, 4, [DIET_QUESTION]),
    (None, None, 3, 3, []),
]


def _upcoming_events():
    return list(
        EventPage.objects.live()
        .filter(locale__language_code="fi", start__gt=timezone.now() + timezone.timedelta(days=3))
        .exclude(status=EventPage.Status.CANCELLED)
        .exclude(attendance_mode=EventPage.AttendanceMode.ONLINE)
        .order_by("start")[: len(PLAN)]
    )


def _configure(event, capacity, waitlist, group, questions):
    keys = {q["clean_name"]: uuid.uuid4() for q in questions}
    for page in EventPage.objects.filter(translation_key=event.translation_key).select_related("locale"):
        language = page.locale.language_code
        page.registration_enabled = True
        page.capacity = capacity
        page.waitlist_capacity = waitlist
        page.max_group_size = group
        page.registration_questions = [
            RegistrationQuestion(
                clean_name=q["clean_name"],
                label=q[language][0],
                choices=q[language][1],
                field_type="radio" if q[language][1] else "singleline",
                required=bool(q[language][1]),
                translation_key=keys[q["clean_name"]],
                locale=page.locale,
            )
            for q in questions
        ]
        page.save_revision().publish()


def load(context):
    from registrations import services

    rng = context.rng
    for event, (capacity, waitlist, group, people, questions) in zip(_upcoming_events(), PLAN, strict=False):
        _configure(event, capacity, waitlist, group, questions)
        event.refresh_from_db()
        for i in range(people):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            answers = {}
            if GROUP_QUESTION in questions:
                answers["rinnakkaisryhma"] = rng.choice(GROUP_QUESTION["fi"][1].split("\n"))
            services.sign_up(
                event,
                name=f"{first} {last}",
                email=f"{first.lower()}.{last.lower()}.{event.pk}.{i}@example.invalid",
                group_size=1 if i % 4 else min(2, group),
                language=rng.choice(["fi", "fi", "fi", "sv", "en"]),
                answers=answers,
                follow_up_opt_in=rng.random() < 0.5,
                notify=False,  # invented people get no e-mail
            )
