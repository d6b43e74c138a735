import type postgres from 'postgres';

/**
 * The plans PostgreSQL actually ran, read back from its own log: auto_explain logs every statement of the
 * sessions opened after `enable`, so the plans are those of the API's real queries, not of copies of them.
 * Markers (a SELECT from the bench's own session, run between steps) cut the log into one slice per step.
 */
export async function enableAutoExplain(sql: postgres.Sql, database: string): Promise<void> {
  await sql.unsafe(`ALTER DATABASE "${database}" SET session_preload_libraries = 'auto_explain'`);
  await sql.unsafe(`ALTER DATABASE "${database}" SET auto_explain.log_min_duration = 0`);
}

export async function disableAutoExplain(sql: postgres.Sql, database: string): Promise<void> {
  await sql.unsafe(`ALTER DATABASE "${database}" RESET session_preload_libraries`);
  await sql.unsafe(`ALTER DATABASE "${database}" RESET auto_explain.log_min_duration`);
}

/** `step` is a plain number: the marker is spliced into the statement's text, where the log shows it. */
export const marker = (sql: postgres.Sql, step: number) => sql.unsafe(`SELECT 'scale-step:${step}'`);

export type PlanSlice = {
  /** Index names ("… using <index>", "Bitmap Index Scan on <index>"). */
  indexes: string[];
  /** Tables read whole ("Seq Scan on <table>"). */
  seqScans: string[];
};

/** The log (temp-postgres writes it beside the data folder), cut at the markers. */
export async function readPlans(sql: postgres.Sql): Promise<Map<number, PlanSlice>> {
  const [row] = await sql<{ log: string }[]>`
    SELECT pg_read_file(regexp_replace(current_setting('data_directory'), '/data$', '/log')) AS log`;
  const slices = new Map<number, PlanSlice>();
  let current: PlanSlice | undefined;
  for (const line of (row?.log ?? '').split('\n')) {
    const step = /Query Text: SELECT 'scale-step:(\d+)'/.exec(line)?.[1];
    if (step) {
      current = { indexes: [], seqScans: [] };
      slices.set(Number(step), current);
      continue;
    }
    if (!current) continue;
    const index = /(?: using|Bitmap Index Scan on) (\w+)/.exec(line)?.[1];
    if (index && !current.indexes.includes(index)) current.indexes.push(index);
    const table = /Seq Scan on (\w+)/.exec(line)?.[1];
    if (table && !current.seqScans.includes(table)) current.seqScans.push(table);
  }
  return slices;
}
