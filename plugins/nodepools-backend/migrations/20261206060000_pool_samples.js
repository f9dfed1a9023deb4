// @ts-check

/**
 * Spend over time: one sample per pool and hour of what it ran (provisioned capacity as
 * Karpenter reports it, not usage) and its run-rate at list prices, recorded by the reconciler.
 * Keyed by (pool_id, hour) so two replicas recording the same hour write one row; rows older than
 * the retention are pruned by the reconciler when a new hour starts.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('nodepools_pool_samples', table => {
    table.string('pool_id', 64).notNullable();
    // The start of the hour, in milliseconds since the epoch.
    table.bigInteger('hour').notNullable();
    // Null when the cluster has no price source.
    table.double('run_rate_hourly');
    table.string('currency', 8);
    table.double('vcpu').notNullable();
    table.double('memory_gib').notNullable();
    table.integer('nodes').notNullable();
    // The pool's limits then, so the chart draws the limit as it was.
    table.double('vcpu_limit');
    table.primary(['pool_id', 'hour']);
    // Pruning deletes by hour across pools.
    table.index(['hour'], 'nodepools_pool_samples_hour_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('nodepools_pool_samples');
};
