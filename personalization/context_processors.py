from django.http import HttpRequest


def audiences(request: HttpRequest) -> dict:
    """The audience chooser in the header: the list and the current choice, read lazily from the request."""
    return {
        "audience_choices": getattr(request, "audiences", []),
        "current_audience": getattr(request, "audience", None),
    }
