// What a fuzz run found, told so that it can be replayed: the seed, and each
// request as it was sent with the answer it got.

export interface Finding {
  /** `POST /api/summits/{id}/sessions` or `/chat message.send`. */
  target: string;
  mutation: string;
  caller: string;
  sent: string;
  problem: string;
}

const MAX_SHOWN = 25;

function clip(text: string, max = 300): string {
  const printable = JSON.stringify(text).slice(1, -1);
  return printable.length > max ? `${printable.slice(0, max)}… (${text.length} characters)` : printable;
}

export class Findings {
  readonly all: Finding[] = [];

  constructor(private readonly seed: number) {}

  add(finding: Finding): void {
    this.all.push({ ...finding, sent: clip(finding.sent), problem: clip(finding.problem, 500) });
  }

  /** The report a failing run prints: how to replay it, then the findings (the first of each target and mutation). */
  report(): string {
    const seen = new Set<string>();
    const distinct = this.all.filter((f) => {
      const key = `${f.target} ${f.mutation}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    return [
      `${this.all.length} finding(s); replay with FUZZ_SEED=${this.seed} npx jest test/e2e/fuzz.e2e-spec.ts --selectProjects e2e`,
      ...distinct.slice(0, MAX_SHOWN).map((f) => `- ${f.target} [${f.mutation}] as ${f.caller}: ${f.problem}\n    sent: ${f.sent}`),
      distinct.length > MAX_SHOWN ? `… and ${distinct.length - MAX_SHOWN} more` : '',
    ]
      .filter(Boolean)
      .join('\n');
  }
}
