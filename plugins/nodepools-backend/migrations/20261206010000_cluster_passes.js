// @ts-check

/**
 * One row per cluster, shared by every backend replica: who runs the cluster's pass now (a lease,
 * so two replicas never reconcile one cluster at once and a dead one is replaced after it runs
 * out), how many passes were asked for and how many of those the holder has served (so an
 * approval made during someone else's pass is never lost), and what the last pass saw (health and
 * node classes), so every replica answers the same.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('nodepools_cluster_passes', table => {
    table.string('cluster', 63).primary();
    table.string('holder', 64);
    // Milliseconds since the epoch; 0 when nobody holds it.
    table.bigInteger('lease_until').notNullable().defaultTo(0);
    table.integer('requested').notNullable().defaultTo(0);
    table.integer('served').notNullable().defaultTo(0);
    table.text('health');
    table.text('node_classes');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('nodepools_cluster_passes');
};
