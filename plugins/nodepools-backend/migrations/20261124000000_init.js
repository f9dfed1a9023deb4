// @ts-check

/**
 * Pools (the long-lived grants), requests (proposed changes), decisions and the append-only
 * event history. JSON documents are stored as text so SQLite and PostgreSQL behave the same.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('nodepools_pools', table => {
    table.string('id', 36).primary();
    table.string('cluster', 63).notNullable();
    table.string('owner', 255).notNullable();
    table.string('name', 63).notNullable();
    table.string('phase', 32).notNullable();
    table.text('spec').notNullable();
    // The justification of the request that created or last changed the pool: the catalog shows it.
    table.text('description');
    table.integer('generation').notNullable();
    table.integer('applied_generation');
    table.string('approved_request_id', 36);
    table.text('status');
    table.text('last_error');
    table.integer('version').notNullable().defaultTo(1);
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['owner', 'cluster'], 'nodepools_pools_owner_idx');
    table.index(['created_at', 'id'], 'nodepools_pools_created_idx');
    table.index(['phase'], 'nodepools_pools_phase_idx');
  });
  // One live pool per team and name on a cluster; a removed pool frees its name.
  await knex.raw(
    `CREATE UNIQUE INDEX nodepools_pools_live_name_idx ON nodepools_pools (cluster, owner, name) WHERE phase <> 'removed'`,
  );

  await knex.schema.createTable('nodepools_requests', table => {
    table.string('id', 36).primary();
    table.string('kind', 16).notNullable();
    table.string('cluster', 63).notNullable();
    table.string('owner', 255).notNullable();
    table.string('pool_name', 63).notNullable();
    table.string('pool_id', 36);
    table.text('spec');
    table.text('justification').notNullable();
    table.string('requester', 255).notNullable();
    table.string('state', 16).notNullable();
    table.text('policy_result').notNullable();
    table.text('reason');
    table.integer('version').notNullable().defaultTo(1);
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.timestamp('expires_at', { useTz: true }).notNullable();
    // The approval queue: filter by state, newest first, cursor on (created_at, id).
    table.index(['state', 'created_at', 'id'], 'nodepools_requests_queue_idx');
    table.index(['created_at', 'id'], 'nodepools_requests_created_idx');
    table.index(['owner', 'created_at', 'id'], 'nodepools_requests_owner_idx');
    table.index(
      ['requester', 'created_at', 'id'],
      'nodepools_requests_requester_idx',
    );
  });
  // At most one open request per pool: two pending changes to one pool would race on approval.
  await knex.raw(
    `CREATE UNIQUE INDEX nodepools_requests_one_pending_idx ON nodepools_requests (cluster, owner, pool_name) WHERE state = 'pending'`,
  );

  await knex.schema.createTable('nodepools_decisions', table => {
    table.increments('id').primary();
    table
      .string('request_id', 36)
      .notNullable()
      .references('id')
      .inTable('nodepools_requests')
      .onDelete('CASCADE');
    table.string('actor', 255).notNullable();
    table.string('decision', 16).notNullable();
    table.text('comment');
    table.timestamp('created_at', { useTz: true }).notNullable();
    // A person counts once towards the quorum.
    table.unique(['request_id', 'actor'], {
      indexName: 'nodepools_decisions_actor_idx',
    });
  });

  await knex.schema.createTable('nodepools_events', table => {
    table.bigIncrements('id').primary();
    table.string('pool_id', 36);
    table.string('request_id', 36);
    table.string('type', 48).notNullable();
    table.string('actor', 255);
    table.text('message').notNullable();
    table.text('data');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['pool_id', 'id'], 'nodepools_events_pool_idx');
    table.index(['request_id', 'id'], 'nodepools_events_request_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('nodepools_events');
  await knex.schema.dropTable('nodepools_decisions');
  await knex.schema.dropTable('nodepools_requests');
  await knex.schema.dropTable('nodepools_pools');
};
