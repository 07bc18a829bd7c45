"""Who an article speaks to: audiences, with their disclaimers, and the languages answers are in."""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class AudienceQuerySet(models.QuerySet):
    def default(self) -> "Audience | None":
        return self.filter(is_default=True).first()


class Audience(models.Model):
    """A group of readers (professional, patient, student) with its own body and disclaimer."""

    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    label = models.CharField(_("label"), max_length=80)
    description = models.CharField(
        _("description"), max_length=200, blank=True, help_text=_("Shown in the “Which best describes you?” chooser.")
    )
    disclaimer_title = models.CharField(_("disclaimer title"), max_length=120)
    disclaimer_text = models.TextField(_("disclaimer text"))
    target_grade = models.DecimalField(
        _("target reading grade"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("US school grade the body should not exceed (Flesch-Kincaid); empty for no target."),
    )
    is_default = models.BooleanField(_("default audience"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = AudienceQuerySet.as_manager()

    class Meta:
        ordering = ["order", "label"]
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")
        constraints = [
            models.UniqueConstraint(fields=["is_default"], condition=Q(is_default=True), name="one_default_audience"),
        ]

    def __str__(self) -> str:
        return self.label


class LanguageQuerySet(models.QuerySet):
    def default(self) -> "Language | None":
        return self.filter(is_default=True).first()


class Language(models.Model):
    """A language answers are published in. The default one (English) is the source every
    translation is made from; its pages have no language prefix in their URL."""

    code = models.CharField(
        _("code"),
        max_length=15,
        unique=True,
        validators=[RegexValidator(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", _("A BCP 47 tag such as “es” or “pt-BR”."))],
        help_text=_("BCP 47 tag; it must also be in the LANGUAGES setting for its pages to be served."),
    )
    name = models.CharField(_("name"), max_length=60, help_text=_("In English, for editors: “Spanish”."))
    native_name = models.CharField(_("native name"), max_length=60, help_text=_("As readers call it: “Español”."))
    search_config = models.CharField(
        _("text search configuration"),
        max_length=40,
        default="simple",
        validators=[RegexValidator(r"^[a-z_]+$", _("A PostgreSQL text search configuration, e.g. “spanish”."))],
        help_text=_("The PostgreSQL text search configuration for this language (english, spanish, simple…)."),
    )
    is_default = models.BooleanField(_("default language"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = LanguageQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        constraints = [
            models.UniqueConstraint(fields=["is_default"], condition=Q(is_default=True), name="one_default_language"),
        ]

    def __str__(self) -> str:
        return self.name
