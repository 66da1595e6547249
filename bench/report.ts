// Each benchmark owns one section of docs/PERFORMANCE.md, between markers, and rewrites only it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FILE = fileURLToPath(new URL('../docs/PERFORMANCE.md', import.meta.url));
const HEADER = `# Performance

Figures written by \`npm run bench\` (\`bench/\`); each section says the machine it was measured on.
Targets come from the issues; tests never assert timings.
`;

export function updatePerformanceSection(id: string, title: string, body: string): void {
  const start = `<!-- bench:${id}:start -->`;
  const end = `<!-- bench:${id}:end -->`;
  const section = `${start}\n## ${title}\n\n${body}\n${end}`;
  const current = existsSync(FILE) ? readFileSync(FILE, 'utf8') : HEADER;
  const pattern = new RegExp(`${start}[\\s\\S]*?${end}`);
  const next = pattern.test(current) ? current.replace(pattern, section) : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(FILE, next);
}
