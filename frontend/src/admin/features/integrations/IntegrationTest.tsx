// «Проверить» on the amoCRM and webhook cards: the service is tried now, and the card says what
// it answered, in Russian, or why the test could not even start.
import type { IntegrationTestView } from '@aimax/backend/contracts';
import { useState } from 'react';
import { toApiError } from '@/lib/api';
import { Alert } from '@/lib/ui/Alert';

type TestOutcome = IntegrationTestView | { refused: string };

export function useIntegrationTest(run: () => Promise<IntegrationTestView>) {
  const [testing, setTesting] = useState(false);
  const [outcome, setOutcome] = useState<TestOutcome | null>(null);
  const test = async () => {
    setTesting(true);
    setOutcome(null);
    try {
      setOutcome(await run());
    } catch (caught) {
      setOutcome({ refused: toApiError(caught).message });
    } finally {
      setTesting(false);
    }
  };
  return { testing, outcome, test };
}

export function TestResult({ outcome }: { outcome: TestOutcome }) {
  if ('refused' in outcome) return <Alert tone="warning">{outcome.refused}</Alert>;
  return <Alert tone={outcome.ok ? 'success' : 'warning'}>{outcome.message}</Alert>;
}
