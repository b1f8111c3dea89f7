"""Issue 5 demo content: topics in three statuses, two answered polls, event feedback, a follow-up citing it."""

import pytest
from django.utils import timezone

from feedback.models import EventFeedback, Poll, PollResponse
from participation_pages.models import EventPage, ParticipationTopicPage


@pytest.mark.django_db
def test_demo_participation(demo, client):
    topics = ParticipationTopicPage.objects.filter(locale__language_code="fi")
    assert sorted(t.status for t in topics) == ["decided", "open", "under_consideration"]
    assert ParticipationTopicPage.objects.filter(locale__language_code="en").count() == 3

    polls = Poll.objects.filter(locale__language_code="fi")
    assert polls.count() == 2
    assert all(PollResponse.objects.filter(poll=p).count() > 20 for p in polls)

    now = timezone.now()
    past = EventPage.objects.filter(
        locale__language_code="fi", end__lt=now, status=EventPage.Status.SCHEDULED
    )
    assert past.exists()
    assert all(EventFeedback.objects.filter(event=e).exists() for e in past)

    cited = EventPage.objects.get(locale__language_code="fi", follow_up_feedback_summary=True)
    count = EventFeedback.objects.filter(event=cited).count()
    html = client.get(cited.url).content.decode()
    assert f"{count} osallistujaa vastasi palautekyselyyn." in html
    decided = topics.get(status="decided")
    for page in [decided, *ParticipationTopicPage.objects.filter(translation_key=decided.translation_key)]:
        response = client.get(page.url)
        assert response.status_code == 200
        text = response.content.decode()
        assert str(count) in text and (
            "palautekyselyyn" in text or "responsenkäten" in text or "feedback survey" in text
        )

    open_topic = topics.get(status="open")
    html = client.get(open_topic.url).content.decode()
    assert (
        "Voit osallistua" in html and "Kuinka usein käyt puistossa?" in html and "Jätä idea puistosta" in html
    )
