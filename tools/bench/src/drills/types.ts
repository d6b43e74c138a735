export type DrillResult = {
  pass: boolean;
  /** One line of measured figures. */
  figures: string;
  /** Why it failed, or anything a reader should know. */
  notes: string[];
};

export type DrillContext = {
  /** Replica logs of this drill go here; the secrets drill reads every one of them. */
  logFile: string;
  runDir: string;
};

export type Drill = {
  id: number;
  name: string;
  /** What must hold for PASS (printed in docs/drills.md). */
  criteria: string;
  /** Hard bound for the whole drill, set-up included. */
  timeoutMs: number;
  run(ctx: DrillContext): Promise<DrillResult>;
};

export function shuffle<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
