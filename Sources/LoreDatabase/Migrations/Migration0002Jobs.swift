extension Migration {
    /// The durable job queue (`LoreJobs`, docs/jobs.md) and the scheduler's state.
    ///
    /// Jobs are tenant rows: RLS is forced like everywhere else, so an organisation sees and
    /// changes only its own jobs. System jobs (scheduled maintenance) have a NULL `org_id`:
    /// no tenant policy ever matches NULL, so they are visible to the service role only.
    /// `id` alone is the primary key because the queue is one global structure claimed across
    /// organisations; it is never distributed by organisation.
    static let jobs = Migration(version: 2, name: "jobs", sql: #"""
    CREATE TABLE lore.jobs (
        id               uuid PRIMARY KEY,
        org_id           uuid REFERENCES lore.organizations (id) ON DELETE CASCADE,
        kind             text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_.-]{0,63}$'),
        payload          jsonb NOT NULL DEFAULT '{}',
        priority         smallint NOT NULL DEFAULT 2 CHECK (priority BETWEEN 0 AND 4),
        -- pending: waiting to run; running: leased by a worker; failed: an attempt failed and a
        -- retry is scheduled at run_after; succeeded, dead, cancelled: terminal.
        status           text NOT NULL DEFAULT 'pending'
                         CHECK (status IN ('pending', 'running', 'succeeded', 'failed', 'dead', 'cancelled')),
        run_after        timestamptz NOT NULL DEFAULT now(),
        -- Counted when a worker claims the job, so a job that kills its worker still runs out
        -- of attempts.
        attempt          integer NOT NULL DEFAULT 0 CHECK (attempt >= 0),
        max_attempts     integer NOT NULL DEFAULT 3 CHECK (max_attempts BETWEEN 1 AND 100),
        -- Lease length of the job's kind: a worker that stops renewing it for this long is
        -- presumed dead and the job is rescued.
        lease_seconds    integer NOT NULL DEFAULT 30 CHECK (lease_seconds BETWEEN 1 AND 86400),
        lease_token      uuid,
        lease_owner      text,
        lease_expires_at timestamptz,
        -- Claim order within a priority: a virtual time that interleaves organisations
        -- (weighted fair queueing, see lore.next_job_position).
        fair_position    double precision NOT NULL DEFAULT 0,
        unique_key       text CHECK (length(unique_key) BETWEEN 1 AND 300),
        last_error       text,
        -- One object per failed attempt or operator action, oldest first.
        errors           jsonb NOT NULL DEFAULT '[]',
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now(),
        started_at       timestamptz,
        finished_at      timestamptz,
        -- Exactly the running jobs hold a lease.
        CHECK ((status = 'running') = (lease_token IS NOT NULL AND lease_expires_at IS NOT NULL))
    ) WITH (fillfactor = 85);
    SELECT lore.apply_tenant_policy('lore.jobs');

    -- Claiming walks this index in order: priority, then fair position, then age.
    CREATE INDEX jobs_claim ON lore.jobs (priority, fair_position, created_at, id)
        WHERE status IN ('pending', 'failed');
    -- An organisation's place in the fair order.
    CREATE INDEX jobs_org_position ON lore.jobs (org_id, priority, fair_position)
        WHERE status IN ('pending', 'failed');
    -- The rescuer's scan: the running jobs (few). No lease column is indexed, so a heartbeat
    -- changes no indexed column and is a HOT update (hence the fillfactor).
    CREATE INDEX jobs_running ON lore.jobs (id) WHERE status = 'running';
    -- Listings, statistics and pruning. Succeeded jobs stay out of the statistics index.
    CREATE INDEX jobs_org_created ON lore.jobs (org_id, created_at DESC, id DESC);
    CREATE INDEX jobs_live_kind ON lore.jobs (status, kind, priority) WHERE status IN ('pending', 'running', 'failed', 'dead');
    CREATE INDEX jobs_finished ON lore.jobs (finished_at) WHERE status IN ('succeeded', 'cancelled', 'dead');
    -- At most one live job per organisation, kind and unique key: a webhook delivered four
    -- times enqueues once. Terminal jobs do not count, so the same key can run again later.
    CREATE UNIQUE INDEX jobs_unique_live ON lore.jobs (org_id, kind, unique_key) NULLS NOT DISTINCT
        WHERE unique_key IS NOT NULL AND status IN ('pending', 'running', 'failed');

    -- Fair share of an organisation within a priority: heavier tiers advance more slowly
    -- through virtual time, so they get proportionally more claims.
    CREATE FUNCTION lore.job_weight(job_org uuid) RETURNS double precision
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = lore, pg_catalog AS $$
        SELECT coalesce((SELECT CASE o.tier WHEN 'enterprise' THEN 4.0 WHEN 'professional' THEN 3.0
                                            WHEN 'starter' THEN 2.0 ELSE 1.0 END
                           FROM lore.organizations o WHERE o.id = job_org), 1.0)
    $$;

    -- The virtual time at which the next job of `job_org` at `job_priority` joins the queue:
    -- right behind the organisation's own queued jobs, but never before the head of the whole
    -- queue. An organisation that queues 10,000 jobs spreads them over 10,000 steps; one that
    -- arrives later starts at the head and interleaves with them. Runs as the service role
    -- (the head of the queue spans organisations) and returns only a number.
    CREATE FUNCTION lore.next_job_position(job_org uuid, job_priority smallint) RETURNS double precision
        LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = lore, pg_catalog AS $$
    DECLARE
        head double precision;
        own double precision;
    BEGIN
        SELECT j.fair_position INTO head FROM lore.jobs j
         WHERE j.status IN ('pending', 'failed') AND j.priority = job_priority
         ORDER BY j.fair_position LIMIT 1;
        IF job_org IS NULL THEN
            SELECT j.fair_position INTO own FROM lore.jobs j
             WHERE j.status IN ('pending', 'failed') AND j.org_id IS NULL AND j.priority = job_priority
             ORDER BY j.fair_position DESC LIMIT 1;
        ELSE
            SELECT j.fair_position INTO own FROM lore.jobs j
             WHERE j.status IN ('pending', 'failed') AND j.org_id = job_org AND j.priority = job_priority
             ORDER BY j.fair_position DESC LIMIT 1;
        END IF;
        RETURN greatest(coalesce(head, 0), coalesce(own + 1.0 / lore.job_weight(job_org), 0));
    END $$;

    -- Cron schedules and when each next fires; written by the elected scheduler only.
    CREATE TABLE lore.job_schedules (
        name        text PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9_.-]{0,63}$'),
        expression  text NOT NULL,
        kind        text NOT NULL,
        next_run_at timestamptz NOT NULL,
        last_run_at timestamptz,
        last_job_id uuid,
        updated_at  timestamptz NOT NULL DEFAULT now()
    );

    REVOKE ALL ON FUNCTION lore.job_weight(uuid) FROM PUBLIC;
    REVOKE ALL ON FUNCTION lore.next_job_position(uuid, smallint) FROM PUBLIC;
    GRANT CREATE ON SCHEMA lore TO lore_service;
    ALTER FUNCTION lore.job_weight(uuid) OWNER TO lore_service;
    ALTER FUNCTION lore.next_job_position(uuid, smallint) OWNER TO lore_service;
    REVOKE CREATE ON SCHEMA lore FROM lore_service;
    GRANT EXECUTE ON FUNCTION lore.job_weight(uuid) TO lore_app, lore_service;
    GRANT EXECUTE ON FUNCTION lore.next_job_position(uuid, smallint) TO lore_app, lore_service;

    GRANT SELECT, INSERT, UPDATE, DELETE ON lore.jobs TO lore_app, lore_service;
    GRANT SELECT, INSERT, UPDATE, DELETE ON lore.job_schedules TO lore_service;
    """#)
}
