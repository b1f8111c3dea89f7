"""How events' reference data appears in the Wagtail API (`/api/v2/events/`)."""

from rest_framework import serializers


class EventFormatSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    colour = serializers.CharField()


class EventSeriesSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class VenueSerializer(serializers.Serializer):
    name = serializers.CharField()
    street_address = serializers.CharField()
    postcode = serializers.CharField()
    city = serializers.CharField()
    step_free_access = serializers.BooleanField()
    induction_loop = serializers.BooleanField()
    accessible_toilet = serializers.BooleanField()
    accessibility_notes = serializers.CharField()
    latitude = serializers.DecimalField(max_digits=9, decimal_places=6, allow_null=True)
    longitude = serializers.DecimalField(max_digits=9, decimal_places=6, allow_null=True)


class AreaSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    major_area = serializers.SerializerMethodField()

    def get_major_area(self, area):
        return area.parent.slug if area.parent_id else None


class ThemeSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
