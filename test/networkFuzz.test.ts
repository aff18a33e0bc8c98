/**
 * Configuration files are anyone's JSON: whatever their shape, building the model and evaluating paths in it
 * never throws, and every answer is one of the three verdicts.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { emptyModel } from '../src/network/model.js';
import { addJsonFile } from '../src/network/snapshot.js';
import { rootCausesFor } from '../src/network/rootCauses.js';
import { resolveSource } from '../src/network/pathEnds.js';
import { ROOT } from './helpers.js';

const EXAMPLE = join(ROOT, 'examples', 'vpc-config');
const exampleDocs = readdirSync(EXAMPLE).map(
  (f) => JSON.parse(readFileSync(join(EXAMPLE, f), 'utf8')) as unknown,
);

/** Replaces values deep in a document: the shape stays recognisable, the contents go wrong. */
function mutate(doc: unknown, choices: unknown[], pick: () => number): unknown {
  if (Array.isArray(doc)) return doc.map((d) => mutate(d, choices, pick));
  if (doc && typeof doc === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(doc))
      out[k] = pick() % 7 === 0 ? choices[pick() % choices.length] : mutate(v, choices, pick);
    return out;
  }
  return doc;
}

const SOURCES = [
  'task/98ebcb82034fba541edd74d0cfc15a04',
  'eni-0task1000000000001',
  'function:x',
  'service/orders-api',
  'subnet-0a1b2c3d4e5f6a7b8,sg-0task1111aaaa2222b',
  'i-1',
  '',
];
const TARGETS: [string, number | null, string | null][] = [
  ['10.0.5.18', 6379, 'timeout'],
  ['10.0.3.42', 5432, 'refused'],
  ['orders-service.local', null, 'dns'],
  ['secretsmanager.us-east-1.amazonaws.com', 443, 'dns'],
  ['api.stripe.com', 443, 'timeout'],
  ['[2001:db8::1]', 443, 'timeout'],
];

describe('the configuration model on damaged input', () => {
  it('never throws, whatever values sit where the AWS CLI puts its fields', () => {
    const weird = fc.oneof(
      fc.constant(null),
      fc.string(),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.array(fc.string()),
      fc.dictionary(fc.string(), fc.string()),
      fc.constant('0.0.0.0/0'),
      fc.constant('-1'),
      fc.constant(-1),
      fc.constant(65536),
    );
    fc.assert(
      fc.property(
        fc.array(weird, { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 64 }),
        (choices, seeds) => {
          let i = 0;
          const pick = () => seeds[i++ % seeds.length] as number;
          const model = emptyModel();
          for (const doc of exampleDocs) addJsonFile(model, mutate(doc, choices, pick), 'fuzz.json');
          for (const spec of SOURCES) {
            const source = resolveSource(model, spec);
            for (const [host, port, cls] of TARGETS) {
              for (const rc of rootCausesFor(model, [source], host, port, cls)) {
                assert.ok(['blocked', 'allowed', 'unknown'].includes(rc.verdict));
                assert.equal(typeof rc.explanation, 'string');
              }
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a huge rule number or port (found by the property above: the fix command searched every number below it) ends at once', () => {
    const model = emptyModel();
    for (const doc of exampleDocs)
      if (!('NetworkAcls' in (doc as object))) addJsonFile(model, doc, 'example.json');
    addJsonFile(
      model,
      {
        NetworkAcls: [
          {
            NetworkAclId: 'acl-0huge',
            VpcId: 'vpc-0a1b2c3d4e5f60718',
            IsDefault: false,
            Associations: [{ SubnetId: 'subnet-0e4f5a6b7c8d9e0f1' }],
            Entries: [
              {
                RuleNumber: 3.6e243,
                Protocol: '6',
                RuleAction: 'deny',
                Egress: true,
                CidrBlock: '0.0.0.0/0',
                PortRange: { From: 0, To: 1e300 },
              },
              { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0' },
            ],
          },
        ],
      },
      'huge.json',
    );
    const started = Date.now();
    const [rc] = rootCausesFor(
      model,
      [resolveSource(model, 'task/41ef3d3610258f665a60c6d2a8ca7630')],
      '10.0.5.18',
      6379,
      'timeout',
    );
    assert.ok(Date.now() - started < 1000);
    assert.equal(rc?.verdict, 'blocked', 'the damaged entry matches nothing, and the final rule denies');
  });

  it('never throws on arbitrary JSON documents either', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (doc) => {
        const model = emptyModel();
        addJsonFile(model, doc, 'any.json');
        addJsonFile(
          model,
          { Vpcs: doc, Subnets: doc, SecurityGroups: doc, NetworkAcls: doc, RouteTables: doc, tasks: doc },
          'keys.json',
        );
        rootCausesFor(model, [resolveSource(model, 'subnet-1,sg-1')], '10.0.0.1', 80, 'timeout');
      }),
      { numRuns: 300 },
    );
  });
});
