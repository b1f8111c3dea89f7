"""The API's JSON renderer (REST framework's DEFAULT_RENDERER_CLASSES). A module of its own:
REST framework imports it while `home.api`'s views are being defined."""

from rest_framework.renderers import JSONRenderer

from home.text import clean_deep


class CleanJSONRenderer(JSONRenderer):
    """REST framework's JSON without control characters in any string (`home.text`)."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return super().render(clean_deep(data), accepted_media_type, renderer_context)
