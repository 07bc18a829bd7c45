"""The board itself: members and their specialties and disclosures, topic routing, the checklist.

The chief editor does the same in the admin; the demo loader and the members' own disclosure
form call these."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from reviews.models import AttestationItem, BoardMember, Specialty, TopicRouting


def specialty_save(*, name: str) -> Specialty:
    """The specialty called ``name`` (case-insensitive), created if new."""
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError(_("A specialty needs a name."))
    existing = Specialty.objects.filter(name__iexact=name).first()
    if existing is not None:
        return existing
    base = slugify(name)[:100] or "specialty"
    slug, n = base, 2
    while Specialty.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return Specialty.objects.create(name=name, slug=slug)


@transaction.atomic
def board_member_save(
    *,
    user,
    display_name: str,
    credentials: str,
    specialty: str,
    specialties: Iterable[str] | None = None,
    bio: str = "",
    order: int = 0,
    active: bool = True,
) -> BoardMember:
    """Create or update ``user``'s board profile. ``specialty`` is the line readers see;
    ``specialties`` (names) are what routing matches, ``[specialty]`` when not given."""
    member, _created = BoardMember.objects.update_or_create(
        user=user,
        defaults={
            "display_name": display_name,
            "credentials": credentials,
            "specialty": specialty,
            "bio": bio,
            "order": order,
            "active": active,
        },
    )
    names = list(specialties) if specialties is not None else [specialty]
    member.specialties.set([specialty_save(name=name) for name in names if name.strip()])
    return member


def board_member_update_disclosure(*, member: BoardMember, disclosure: str, actor) -> BoardMember:
    """A member (or the chief editor) records the member's current disclosure of interests, shown
    on the advisory-board page with the date it was updated. Empty means none declared."""
    if actor.pk != member.user_id and not actor.has_perm("reviews.change_boardmember"):
        raise PermissionDenied(_("Only the member or the chief editor may change a disclosure."))
    disclosure = (disclosure or "").strip()
    if len(disclosure) > 2000:
        raise ValidationError({"disclosure": _("Keep the disclosure under 2,000 characters.")})
    if disclosure != member.disclosure or member.disclosure_updated_at is None:
        member.disclosure, member.disclosure_updated_at = disclosure, timezone.now()
        member.save(update_fields=["disclosure", "disclosure_updated_at"])
    return member


@transaction.atomic
def topic_routing_save(*, topic, specialties: Iterable[str], due_days: int | None = None) -> TopicRouting:
    """Route ``topic``'s articles to members of ``specialties`` (names), due after ``due_days``
    (None: ``REVIEW_TURNAROUND_DAYS``)."""
    if due_days is not None and not 1 <= due_days <= 365:
        raise ValidationError({"due_days": _("Give between 1 and 365 days, or none for the default.")})
    routing, _created = TopicRouting.objects.update_or_create(topic=topic, defaults={"due_days": due_days})
    routing.specialties.set([specialty_save(name=name) for name in specialties])
    return routing


def attestation_item_save(*, text: str, order: int = 0, active: bool = True) -> AttestationItem:
    """Add (or update) one statement of the approval checklist."""
    text = " ".join((text or "").split())
    if not text:
        raise ValidationError(_("A checklist statement needs some text."))
    item, _created = AttestationItem.objects.update_or_create(text=text, defaults={"order": order, "active": active})
    return item
