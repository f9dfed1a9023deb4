// @ts-check

/**
 * The preview a request was approved on, kept with the decision: once the pool is applied the
 * live preview means nothing (it would diff the request against itself), so the record keeps
 * exactly what the approvers saw and agreed to: diff, manifests, policy, cost, the cluster's
 * warnings and the API server's verdict. One row per approved request, written in the approving
 * transaction; requests approved before this migration have none.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('nodepools_approved_previews', table => {
    table
      .string('request_id', 36)
      .primary()
      .references('id')
      .inTable('nodepools_requests')
      .onDelete('CASCADE');
    // The preview response as JSON: { preview, warnings, server? }.
    table.text('preview').notNullable();
    table.timestamp('approved_at', { useTz: true }).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('nodepools_approved_previews');
};
