-- Pillarboard scorecard: rubric versions, a mirror of the catalog, evidence, results and the
-- work that follows from them (tasks, waivers, reviews), history, and evaluation bookkeeping.
--
-- No foreign keys to the catalog mirror: evidence, waivers, reviews and history outlive a
-- product that is deleted (and count again if a product with the same slug comes back), and
-- writes of evidence never lock mirror rows that the evaluator locks.

-- ---------------------------------------------------------------- rubric

CREATE TABLE rubric_version (
    version      integer      PRIMARY KEY,
    yaml         text         NOT NULL,
    title        varchar(200) NOT NULL DEFAULT '',
    published_at timestamptz  NOT NULL,
    published_by varchar(200) NOT NULL
);

-- ---------------------------------------------------------------- catalog mirror

-- The catalog revision of the last change applied; one row. Written in the same transaction as
-- the changes it covers, under an advisory lock, so replicas never apply a page twice.
CREATE TABLE sync_state (
    id              smallint    PRIMARY KEY CHECK (id = 1),
    last_revision   bigint      NOT NULL,
    last_applied_at timestamptz
);
INSERT INTO sync_state (id, last_revision) VALUES (1, 0);

CREATE TABLE team (
    slug          varchar(63)  PRIMARY KEY,
    name          varchar(200) NOT NULL,
    contact_email varchar(254),
    contact_chat  varchar(200),
    parent        varchar(63),
    revision      bigint       NOT NULL,
    synced_at     timestamptz  NOT NULL
);

CREATE TABLE product (
    slug        varchar(63)   PRIMARY KEY,
    name        varchar(200)  NOT NULL,
    description varchar(4000) NOT NULL DEFAULT '',
    owner       varchar(63)   NOT NULL,
    phase       varchar(63)   NOT NULL,
    tier        smallint,
    tags        text[]        NOT NULL DEFAULT '{}',
    links       jsonb         NOT NULL DEFAULT '{}',
    annotations jsonb         NOT NULL DEFAULT '{}',
    revision    bigint        NOT NULL,
    created_at  timestamptz,
    updated_at  timestamptz,
    synced_at   timestamptz   NOT NULL
);
CREATE INDEX product_owner_idx ON product (owner, slug);

-- ---------------------------------------------------------------- evidence

-- The latest observation per product and key (an older observation never overwrites a newer one).
CREATE TABLE signal (
    product     varchar(63)  NOT NULL,
    key         varchar(200) NOT NULL,
    value       jsonb        NOT NULL,
    observed_at timestamptz  NOT NULL,
    source      varchar(200) NOT NULL DEFAULT '',
    received_at timestamptz  NOT NULL,
    PRIMARY KEY (product, key)
);

CREATE TABLE attestation (
    id           bigserial     PRIMARY KEY,
    product      varchar(63)   NOT NULL,
    check_id     varchar(63)   NOT NULL,
    attested_by  varchar(200)  NOT NULL,
    attested_at  timestamptz   NOT NULL,
    valid_until  timestamptz   NOT NULL,
    evidence_url varchar(2000) NOT NULL,
    comment      varchar(2000) NOT NULL DEFAULT ''
);
CREATE INDEX attestation_product_idx ON attestation (product, check_id, attested_at DESC);

CREATE TABLE waiver (
    id               bigserial     PRIMARY KEY,
    product          varchar(63)   NOT NULL,
    check_id         varchar(63)   NOT NULL,
    reason           varchar(2000) NOT NULL,
    requested_by     varchar(200)  NOT NULL,
    requested_at     timestamptz   NOT NULL,
    expires_at       timestamptz   NOT NULL,
    status           varchar(16)   NOT NULL CHECK (status IN ('requested', 'approved', 'rejected')),
    decided_by       varchar(200),
    decided_at       timestamptz,
    decision_comment varchar(2000)
);
CREATE INDEX waiver_product_idx ON waiver (product, status, expires_at);
CREATE INDEX waiver_status_idx ON waiver (status, requested_at DESC);
-- One open request per product and check.
CREATE UNIQUE INDEX waiver_one_request_idx ON waiver (product, check_id) WHERE status = 'requested';

CREATE TABLE review (
    id             bigserial     PRIMARY KEY,
    product        varchar(63)   NOT NULL,
    decision       varchar(32)   NOT NULL CHECK (decision IN ('approved', 'changes-requested')),
    comment        varchar(2000) NOT NULL DEFAULT '',
    reviewed_by    varchar(200)  NOT NULL,
    reviewed_at    timestamptz   NOT NULL,
    rubric_version integer       NOT NULL,
    score          integer
);
CREATE INDEX review_product_idx ON review (product, reviewed_at DESC);

-- ---------------------------------------------------------------- results

-- One row per product: its evaluation is one write. checks holds the per-check results in a
-- compact form (id, status, outcome, priority, reason, evidence, waiver); titles, weights and
-- requirements come from the rubric version that produced them.
CREATE TABLE scorecard (
    product              varchar(63) PRIMARY KEY,
    owner                varchar(63) NOT NULL,
    phase                varchar(63) NOT NULL,
    rubric_version       integer     NOT NULL,
    problem              varchar(1000),
    score                integer,
    meets_bar            boolean,
    bar_gaps             integer,
    next_phase           varchar(63),
    next_phase_readiness integer,
    pillar_scores        jsonb       NOT NULL DEFAULT '{}',
    checks               text        NOT NULL DEFAULT '[]',
    checks_hash          varchar(64) NOT NULL DEFAULT '',
    fingerprint          varchar(1000) NOT NULL DEFAULT '',
    open_p1              integer     NOT NULL DEFAULT 0,
    open_p2              integer     NOT NULL DEFAULT 0,
    open_p3              integer     NOT NULL DEFAULT 0,
    evaluated_at         timestamptz NOT NULL,
    changed_at           timestamptz NOT NULL,
    last_snapshot_at     timestamptz,
    next_change_at       timestamptz
);
CREATE INDEX scorecard_owner_idx ON scorecard (owner, product);
CREATE INDEX scorecard_phase_idx ON scorecard (phase, product);
CREATE INDEX scorecard_score_idx ON scorecard (score, product);
CREATE INDEX scorecard_next_change_idx ON scorecard (next_change_at) WHERE next_change_at IS NOT NULL;

CREATE TABLE history (
    id                   bigserial   PRIMARY KEY,
    product              varchar(63) NOT NULL,
    taken_at             timestamptz NOT NULL,
    rubric_version       integer     NOT NULL,
    phase                varchar(63) NOT NULL,
    score                integer,
    meets_bar            boolean     NOT NULL,
    next_phase_readiness integer,
    pillar_scores        jsonb       NOT NULL
);
CREATE INDEX history_product_idx ON history (product, taken_at);

-- One task per product and check, ever: it closes (done) and reopens rather than being recreated.
CREATE TABLE task (
    id           bigserial     PRIMARY KEY,
    product      varchar(63)   NOT NULL,
    owner        varchar(63)   NOT NULL,
    check_id     varchar(63)   NOT NULL,
    pillar       varchar(63)   NOT NULL,
    title        varchar(500)  NOT NULL,
    priority     varchar(2)    NOT NULL CHECK (priority IN ('P1', 'P2', 'P3')),
    status       varchar(16)   NOT NULL CHECK (status IN ('open', 'in-progress', 'done')),
    reason       varchar(2000) NOT NULL DEFAULT '',
    assignee     varchar(200),
    due_date     date,
    created_at   timestamptz   NOT NULL,
    updated_at   timestamptz   NOT NULL,
    closed_at    timestamptz,
    reopened_at  timestamptz,
    reopen_count integer       NOT NULL DEFAULT 0,
    UNIQUE (product, check_id)
);
CREATE INDEX task_owner_idx ON task (owner, status, priority);
CREATE INDEX task_status_idx ON task (status, priority, product);

-- ---------------------------------------------------------------- evaluation bookkeeping

-- Products whose results are out of date. Inserted in the transaction that changed their inputs;
-- drained (FOR UPDATE SKIP LOCKED) by the evaluation worker of any replica.
CREATE TABLE evaluation_queue (
    product   varchar(63) PRIMARY KEY,
    queued_at timestamptz NOT NULL
);

CREATE TABLE evaluation_job (
    id             uuid         PRIMARY KEY,
    status         varchar(16)  NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
    reason         varchar(200) NOT NULL,
    requested_by   varchar(200) NOT NULL,
    schedule_key   varchar(100) UNIQUE,
    rubric_version integer,
    done           integer      NOT NULL DEFAULT 0,
    total          integer      NOT NULL DEFAULT 0,
    failed         integer      NOT NULL DEFAULT 0,
    created_at     timestamptz  NOT NULL,
    started_at     timestamptz,
    finished_at    timestamptz,
    heartbeat_at   timestamptz,
    error          varchar(2000)
);
CREATE INDEX evaluation_job_created_idx ON evaluation_job (created_at DESC);
