// A DNS server on a loopback UDP port (dns2), answering from a zone the test sets, as a recursive
// resolver would (RFC 1034 §4.3.2): a name's records of the type asked, or its CNAME followed
// within the zone; NOERROR with no answers for a name without that type; NXDOMAIN for a name it
// does not have; SERVFAIL for one marked failing. The app is pointed at it with DNS_RESOLVERS.
import dns2 from 'dns2';

const { Packet } = dns2;

export type FakeRecord =
  | { type: 'A'; address: string }
  | { type: 'AAAA'; address: string }
  | { type: 'CNAME'; target: string }
  /** Several strings make one record of several character-strings, as long TXT values are sent. */
  | { type: 'TXT'; text: string | string[] };

export interface FakeDnsServer {
  /** `127.0.0.1:<port>`, for DNS_RESOLVERS. */
  address: string;
  /** Replaces the name's records. */
  set(name: string, records: FakeRecord[]): void;
  /** The name answers SERVFAIL until it is set again. */
  fail(name: string): void;
  close(): Promise<void>;
}

const TYPES: Record<FakeRecord['type'], number> = {
  A: Packet.TYPE.A,
  AAAA: Packet.TYPE.AAAA,
  CNAME: Packet.TYPE.CNAME,
  TXT: Packet.TYPE.TXT,
};
/** RFC 1035 §4.1.1 response codes (dns2's typings leave out its RCODE table). */
const SERVFAIL = 2;
const NXDOMAIN = 3;
/** How far a CNAME is followed within the zone: a loop is the resolver's to notice. */
const MAX_FOLLOW = 8;

const bare = (name: string) => name.toLowerCase().replace(/\.$/, '');

export async function startFakeDnsServer(): Promise<FakeDnsServer> {
  const zone = new Map<string, FakeRecord[]>();
  const failing = new Set<string>();

  const resource = (name: string, record: FakeRecord) => {
    const base = { name, type: TYPES[record.type], class: Packet.CLASS.IN, ttl: 60 };
    if (record.type === 'CNAME') return { ...base, domain: record.target };
    if (record.type === 'TXT') return { ...base, data: record.text };
    return { ...base, address: record.address };
  };

  const server = dns2.createUDPServer((request, send) => {
    const response = Packet.createResponseFromRequest(request);
    // The encoder takes plain records, as dns2's README shows; its typings declare a class.
    const answers = response.answers as object[];
    const [question] = request.questions;
    if (!question) return void send(response);
    let name = bare(question.name);
    if (failing.has(name)) {
      response.header.rcode = SERVFAIL;
      return void send(response);
    }
    if (!zone.has(name)) {
      response.header.rcode = NXDOMAIN;
      return void send(response);
    }
    for (let hops = 0; hops <= MAX_FOLLOW; hops++) {
      const records = zone.get(name) ?? [];
      const asked = records.filter((record) => TYPES[record.type] === question.type);
      const cname = records.find((record) => record.type === 'CNAME');
      if (asked.length > 0 || !cname || question.type === Packet.TYPE.CNAME) {
        answers.push(...asked.map((record) => resource(name, record)));
        break;
      }
      answers.push(resource(name, cname));
      name = bare(cname.target);
    }
    send(response);
  });
  await server.listen(0, '127.0.0.1');
  const { port } = server.address();

  return {
    address: `127.0.0.1:${port}`,
    set(name, records) {
      failing.delete(bare(name));
      zone.set(bare(name), records);
    },
    fail(name) {
      failing.add(bare(name));
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
