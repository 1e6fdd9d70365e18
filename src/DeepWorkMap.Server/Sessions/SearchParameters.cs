using DeepWorkMap.Server.Http;
using Microsoft.AspNetCore.Mvc;

namespace DeepWorkMap.Server.Sessions;

/// <summary>
/// The filters every search takes (nearby, in view, in an area), bound with <c>[AsParameters]</c> beside the search's own
/// place (<see cref="NearbyParameters"/>, <see cref="ViewParameters"/>, or the body's polygon). Each stays text: the
/// search's rules (<see cref="NearbyRules"/>, <see cref="ViewRules"/>) read it and name the field they refuse. The place is
/// a parameter of its own, not a subclass: the request delegate generator binds only the properties a type declares
/// itself, not inherited ones.
/// </summary>
public sealed class SearchParameters
{
    [FromQuery(Name = "sessionType")]
    [QueryParameter("Only sessions of this type.", Enum = ["silent", "discussion", "exam-prep"])]
    public string? SessionType { get; set; }

    [FromQuery(Name = "subject")]
    [QueryParameter("Only sessions of this subject: matched case-insensitively and exactly, after trimming.", MinLength = 1, MaxLength = 100)]
    public string? Subject { get; set; }

    [FromQuery(Name = "status")]
    [QueryParameter("Only sessions in this status.", Enum = ["starting-soon", "live"])]
    public string? Status { get; set; }

    [FromQuery(Name = "limit")]
    [QueryParameter("Sessions per page.", Type = "integer", Minimum = 1, Maximum = NearbyRules.MaxLimit, Default = "50")]
    public string? Limit { get; set; }

    [FromQuery(Name = "after")]
    [QueryParameter("The nextCursor of the previous page: this page continues after it.")]
    public string? After { get; set; }

    [FromQuery(Name = "fields")]
    [QueryParameter("map: each session in the map's short form (MapSession); absent: the full Session.", Enum = ["map"])]
    public string? Fields { get; set; }
}

/// <summary><c>GET /api/sessions/nearby</c>: a circle (the filters are <see cref="SearchParameters"/>).</summary>
public sealed class NearbyParameters
{
    [FromQuery(Name = "lat")]
    [QueryParameter("The circle's centre: latitude in degrees (WGS 84).", Type = "number", Format = "double", Required = true, Minimum = -90, Maximum = 90)]
    public string? Lat { get; set; }

    [FromQuery(Name = "lng")]
    [QueryParameter("The circle's centre: longitude in degrees (WGS 84).", Type = "number", Format = "double", Required = true, Minimum = -180, Maximum = 180)]
    public string? Lng { get; set; }

    [FromQuery(Name = "radiusKm")]
    [QueryParameter("The circle's radius in kilometres.", Type = "number", Format = "double", Required = true, Minimum = 0, ExclusiveMinimum = true,
        Maximum = NearbyRules.MaxRadiusKm)]
    public string? RadiusKm { get; set; }
}

/// <summary><c>GET /api/sessions/in-view</c>: the map's box and zoom (the filters are <see cref="SearchParameters"/>).</summary>
public sealed class ViewParameters
{
    [FromQuery(Name = "bbox")]
    [QueryParameter("west,south,east,north in degrees: longitudes -180 to 180 (west above east crosses the antimeridian), latitudes -90 to 90 "
        + "with south below north; about a country at most.", Required = true, Pattern = @"^[^,]+,[^,]+,[^,]+,[^,]+$")]
    public string? Bbox { get; set; }

    [FromQuery(Name = "zoom")]
    [QueryParameter("The map's zoom level: below 11, or over 300 sessions in the box, the answer is clusters.", Type = "integer", Required = true,
        Minimum = 0, Maximum = ViewRules.MaxZoom)]
    public string? Zoom { get; set; }
}
