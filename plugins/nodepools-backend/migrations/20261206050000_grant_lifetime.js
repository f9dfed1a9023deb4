// @ts-check

/**
 * Grants with a lifetime. A request keeps the lifetime it grants (`30d`, the cluster's default
 * applied at filing); a pool keeps when its grant runs out (approval + lifetime, moved by an
 * approved Extend). Each notice about an expiry (a warning per lead time, and the expiry itself)
 * is claimed by inserting its row: the key (pool, expiry, lead) lets exactly one replica send it,
 * and an Extend, which moves the expiry, re-arms the warnings.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('nodepools_requests', table => {
    table.string('lifetime', 16);
  });
  await knex.schema.alterTable('nodepools_pools', table => {
    table.timestamp('expires_at', { useTz: true });
    table.index(['expires_at'], 'nodepools_pools_expires_idx');
  });
  await knex.schema.createTable('nodepools_expiry_notices', table => {
    table
      .string('pool_id', 36)
      .notNullable()
      .references('id')
      .inTable('nodepools_pools')
      .onDelete('CASCADE');
    // The expiry as ISO 8601 text, so both databases compare the key the same way.
    table.string('expires_at', 32).notNullable();
    // A warning's lead time (`7d`), or `expiry` for the expiry itself.
    table.string('lead', 16).notNullable();
    table.timestamp('sent_at', { useTz: true }).notNullable();
    table.primary(['pool_id', 'expires_at', 'lead']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('nodepools_expiry_notices');
  await knex.schema.alterTable('nodepools_pools', table => {
    table.dropIndex(['expires_at'], 'nodepools_pools_expires_idx');
    table.dropColumn('expires_at');
  });
  await knex.schema.alterTable('nodepools_requests', table => {
    table.dropColumn('lifetime');
  });
};
