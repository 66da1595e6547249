// A server-sent events stream read over real HTTP, as a browser's EventSource reads it.
export interface StreamedEvent {
  id?: string;
  event: string;
  data: unknown;
}

/** Reads the stream until `until` says enough (or the time is up), then closes it. */
export async function readSse(
  url: string,
  options: {
    headers?: Record<string, string>;
    until(events: StreamedEvent[]): boolean;
    /** Runs once the stream is open (the server has subscribed), e.g. to send a message. */
    onOpen?: () => Promise<unknown>;
    timeoutMs?: number;
  },
): Promise<StreamedEvent[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 10_000);
  const response = await fetch(url, { signal: controller.signal, headers: options.headers ?? {} });
  if (!response.ok) {
    clearTimeout(timer);
    throw new Error(`${url}: ${response.status} ${await response.text()}`);
  }
  const events: StreamedEvent[] = [];
  let buffer = '';
  await options.onOpen?.();
  try {
    const decoder = new TextDecoder();
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = Object.fromEntries(
          block
            .split('\n')
            .filter((line) => line && !line.startsWith(':'))
            .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trimStart()]),
        );
        if (fields.event) events.push({ id: fields.id, event: fields.event, data: JSON.parse(fields.data ?? 'null') });
        end = buffer.indexOf('\n\n');
      }
      if (options.until(events)) break;
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return events;
}
