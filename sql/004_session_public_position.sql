-- A session shows to everyone but its participants at a public position, 100-400 m from its venue in a
-- random direction, chosen once. latitude/longitude (and the map tile keys) become that public position;
-- the venue moves to venue_latitude/venue_longitude, with the host's optional note. Existing rows get
-- their public position here; their grains adopt it when they next activate, and the server re-keys
-- their map tiles from it at start-up.
ALTER TABLE study_sessions
    ADD COLUMN venue_latitude  double precision CHECK (venue_latitude BETWEEN -90 AND 90),
    ADD COLUMN venue_longitude double precision CHECK (venue_longitude BETWEEN -180 AND 180),
    ADD COLUMN venue_note      varchar(200);

UPDATE study_sessions SET venue_latitude = latitude, venue_longitude = longitude;

UPDATE study_sessions AS s
SET latitude = degrees(moved.phi2),
    longitude = degrees(moved.lambda2) + 540 - 360 * floor((degrees(moved.lambda2) + 540) / 360) - 180
FROM (
    SELECT r.id, p.phi2,
           r.lambda1 + atan2(sin(r.bearing) * sin(r.d) * cos(r.phi1), cos(r.d) - sin(r.phi1) * sin(p.phi2)) AS lambda2
    FROM (
        SELECT id, radians(venue_latitude) AS phi1, radians(venue_longitude) AS lambda1,
               (100 + random() * 300) / 1000 / 6371.0088 AS d, random() * 2 * pi() AS bearing
        FROM study_sessions
    ) AS r
    CROSS JOIN LATERAL (
        SELECT asin(least(1, greatest(-1, sin(r.phi1) * cos(r.d) + cos(r.phi1) * sin(r.d) * cos(r.bearing)))) AS phi2
    ) AS p
) AS moved
WHERE s.id = moved.id;

ALTER TABLE study_sessions
    ALTER COLUMN venue_latitude SET NOT NULL,
    ALTER COLUMN venue_longitude SET NOT NULL;
