"""The shapes of the API's answers. Views build plain dicts (``api.representations``) and pass them
through these serializers, so the OpenAPI document and the answers cannot drift apart."""

from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong, in words for a developer.")
    code = serializers.CharField(help_text="A stable machine-readable code, e.g. `invalid_key`, `unknown_audience`.")
    parameter = serializers.CharField(required=False, help_text="The query parameter at fault, for 400 answers.")


class TopicRefSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class TopicSerializer(TopicRefSerializer):
    description = serializers.CharField(allow_blank=True)
    article_count = serializers.IntegerField(help_text="Approved, public articles in the topic.")
    articles_url = serializers.URLField(help_text="The article list filtered by this topic.")


class TopicListSerializer(serializers.Serializer):
    results = TopicSerializer(many=True)


class AudienceRefSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    label = serializers.CharField()


class VersionSerializer(AudienceRefSerializer):
    url = serializers.URLField(help_text="The public page of this audience's version.")
    api_url = serializers.URLField(help_text="This endpoint for this audience's version.")


class ReviewerSerializer(serializers.Serializer):
    name = serializers.CharField()
    credentials = serializers.CharField(allow_blank=True)
    specialty = serializers.CharField(allow_blank=True)


class HistoryEntrySerializer(serializers.Serializer):
    last_reviewed = serializers.DateField(allow_null=True, help_text="The day the board approved this version.")
    published_at = serializers.DateTimeField(help_text="When this version went live.")
    change_summary = serializers.CharField(
        allow_blank=True, help_text="What the editor says changed (approved by the board); empty for older records."
    )
    substantive = serializers.BooleanField(help_text="The change altered medical advice.")
    first = serializers.BooleanField(help_text="The article's first published version.")
    unchanged = serializers.BooleanField(help_text="Reviewed again with no change to the content.")
    reviewers = ReviewerSerializer(many=True)


class ReviewSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=["approved"], help_text="Always `approved`: the API serves approved content only."
    )
    last_reviewed = serializers.DateField(allow_null=True)
    next_review_due = serializers.DateField(allow_null=True)
    overdue = serializers.BooleanField(help_text="The next review date has passed (the public page says so too).")
    reviewers = ReviewerSerializer(many=True, help_text="The Medical Advisory Board members who approved this version.")
    history_url = serializers.URLField(help_text="The public version history page.")
    history = HistoryEntrySerializer(
        many=True,
        help_text="Each approved version, newest first (the first entry is the one served). Only the "
        "current version's text and references are served.",
    )


class ArticleSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.SlugField()
    question = serializers.CharField()
    summary = serializers.CharField()
    topic = TopicRefSerializer()
    language = serializers.CharField()
    audiences = serializers.ListField(
        child=serializers.SlugField(), help_text="Audiences this article has its own version for."
    )
    last_reviewed = serializers.DateField(allow_null=True)
    next_review_due = serializers.DateField(allow_null=True)
    first_published_at = serializers.DateTimeField(allow_null=True)
    modified_at = serializers.DateTimeField(help_text="When the approved version now served was published.")
    url = serializers.URLField(help_text="The public page.")
    api_url = serializers.URLField()


class ArticlePageSerializer(serializers.Serializer):
    next = serializers.URLField(allow_null=True, help_text="The next page, or null on the last page.")
    previous = serializers.URLField(allow_null=True)
    results = ArticleSummarySerializer(many=True)


class SectionSerializer(serializers.Serializer):
    heading = serializers.CharField(allow_blank=True, help_text="Empty for the text before the first heading.")
    html = serializers.CharField()
    text = serializers.CharField(allow_blank=True)


class ReferenceSerializer(serializers.Serializer):
    number = serializers.IntegerField(help_text="The number the body's citation markers link to (`#ref-N`).")
    type = serializers.CharField()
    type_label = serializers.CharField()
    text = serializers.CharField(help_text="The AMA-style citation as plain text.")
    html = serializers.CharField(help_text="The AMA-style citation as HTML.")
    title = serializers.CharField(allow_blank=True)
    source = serializers.CharField(allow_blank=True)
    year = serializers.IntegerField(allow_null=True)
    authors = serializers.ListField(child=serializers.CharField())
    doi = serializers.CharField(allow_blank=True)
    pmid = serializers.CharField(allow_blank=True)
    url = serializers.CharField(allow_blank=True)
    doi_url = serializers.URLField(allow_null=True)
    pubmed_url = serializers.URLField(allow_null=True)


class RelatedSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    question = serializers.CharField()
    url = serializers.URLField()
    api_url = serializers.URLField()


class DisclaimerSerializer(serializers.Serializer):
    title = serializers.CharField()
    text = serializers.CharField()


class ArticleDetailSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.SlugField()
    question = serializers.CharField()
    summary = serializers.CharField()
    topic = TopicRefSerializer()
    language = serializers.CharField(help_text="The language of the text served (a code, e.g. `en`, `es`).")
    translation_outdated = serializers.BooleanField(
        help_text="True when the text is a translation of an older version of the English answer."
    )
    audience = AudienceRefSerializer(help_text="The audience whose version is served.")
    requested_audience = serializers.SlugField(help_text="The audience asked for (the default if none was).")
    showing_fallback = serializers.BooleanField(
        help_text="True when the article has no version for the requested audience and the default one is served, "
        "as on the public page."
    )
    versions = VersionSerializer(many=True, help_text="Every audience this article has its own version for.")
    url = serializers.URLField(help_text="The canonical public page of the version served.")
    html = serializers.CharField(help_text="The body as sanitised HTML (citation links point at `#ref-N`).")
    text = serializers.CharField(
        help_text="The body as plain text: no markup, no Markdown; blank lines between paragraphs."
    )
    word_count = serializers.IntegerField()
    sections = SectionSerializer(many=True)
    references = ReferenceSerializer(many=True)
    related_questions = RelatedSerializer(many=True)
    review = ReviewSerializer()
    disclaimer = DisclaimerSerializer(help_text="Show it with the article, as the public page does.")
    first_published_at = serializers.DateTimeField(allow_null=True)
    modified_at = serializers.DateTimeField()


class SearchHitSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    question = serializers.CharField()
    summary = serializers.CharField()
    topic = TopicRefSerializer()
    snippet_html = serializers.CharField(help_text="A passage around the match, escaped, matches in `<mark>`.")
    url = serializers.URLField()
    api_url = serializers.URLField()


class SearchPageSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="Matches ranked and paged: at most SEARCH_RESULTS_CAP (200).")
    more = serializers.BooleanField(help_text="Other articles matched too, past the cap.")
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = SearchHitSerializer(many=True)
