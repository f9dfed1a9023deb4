// @ts-check

/**
 * What the reconciler last observed in each cluster, so every backend replica previews against
 * the same facts: each pool's NodePool as seen (the preview diffs against it), and per cluster the
 * NodePool names held by objects the portal does not manage (a request for such a name could
 * never be applied). Rows are written when what is seen changes; `observed_at` is refreshed at
 * most once a minute, so its age says how current the observation is.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('nodepools_observed_nodepools', table => {
    table.string('pool_id', 36).primary();
    table.string('cluster', 63).notNullable();
    // The NodePool as seen (name, labels, annotations, spec) as JSON; null: the cluster had none.
    table.text('nodepool');
    table.timestamp('observed_at', { useTz: true }).notNullable();
    table.index(['cluster'], 'nodepools_observed_nodepools_cluster_idx');
  });
  await knex.schema.createTable('nodepools_cluster_observations', table => {
    table.string('cluster', 63).primary();
    // JSON array of NodePool names, sorted.
    table.text('taken_nodepool_names').notNullable();
    table.timestamp('observed_at', { useTz: true }).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('nodepools_cluster_observations');
  await knex.schema.dropTable('nodepools_observed_nodepools');
};
