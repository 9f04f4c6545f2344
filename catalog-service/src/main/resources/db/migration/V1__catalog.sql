-- Pillarboard catalog: teams, products and the change feed.
--
-- Every committed change to a team or a product takes the next value of catalog_head.revision
-- while holding that row's lock until commit. Writes are therefore serialized and commit in
-- revision order, which is what lets a change-feed reader page with "after=<last revision>"
-- without ever skipping a change (see ChangeFeed).

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE catalog_head (
    id       smallint PRIMARY KEY CHECK (id = 1),
    revision bigint   NOT NULL
);
INSERT INTO catalog_head (id, revision) VALUES (1, 0);

CREATE TABLE team (
    slug          varchar(63)  PRIMARY KEY,
    name          varchar(200) NOT NULL,
    contact_email varchar(254),
    contact_chat  varchar(200),
    parent        varchar(63)  REFERENCES team (slug),
    revision      bigint       NOT NULL UNIQUE,
    created_at    timestamptz  NOT NULL,
    updated_at    timestamptz  NOT NULL
);
CREATE INDEX team_parent_idx ON team (parent);
CREATE INDEX team_name_idx ON team (lower(name), slug);

CREATE TABLE product (
    slug        varchar(63)   PRIMARY KEY,
    name        varchar(200)  NOT NULL,
    description varchar(4000) NOT NULL DEFAULT '',
    owner       varchar(63)   NOT NULL REFERENCES team (slug),
    phase       varchar(32)   NOT NULL,
    tier        smallint      NOT NULL CHECK (tier BETWEEN 1 AND 3),
    tags        text[]        NOT NULL DEFAULT '{}',
    links       jsonb         NOT NULL DEFAULT '{}',
    annotations jsonb         NOT NULL DEFAULT '{}',
    revision    bigint        NOT NULL UNIQUE,
    created_at  timestamptz   NOT NULL,
    updated_at  timestamptz   NOT NULL,
    search_text text GENERATED ALWAYS AS (lower(name || ' ' || description)) STORED
);
CREATE INDEX product_owner_idx      ON product (owner, lower(name), slug);
CREATE INDEX product_phase_idx      ON product (phase, lower(name), slug);
CREATE INDEX product_tier_idx       ON product (tier, lower(name), slug);
CREATE INDEX product_name_idx       ON product (lower(name), slug);
CREATE INDEX product_updated_at_idx ON product (updated_at, slug);
CREATE INDEX product_tags_idx       ON product USING gin (tags);
CREATE INDEX product_search_idx     ON product USING gin (search_text gin_trgm_ops);

-- Deletions stay visible to change-feed readers: one tombstone per deleted entity,
-- removed again if the entity is re-created (the re-creation then carries a higher revision).
CREATE TABLE tombstone (
    kind       varchar(16) NOT NULL,
    slug       varchar(63) NOT NULL,
    revision   bigint      NOT NULL UNIQUE,
    deleted_at timestamptz NOT NULL,
    PRIMARY KEY (kind, slug)
);
