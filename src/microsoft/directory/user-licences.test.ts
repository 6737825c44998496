import { describe, expect, it } from 'vitest';
import type { GraphUser } from '../graph/schemas/user.js';
import { directoryLicences } from './user-licences.js';

const SPB = 'CBDC14AB-D96C-4C30-B9F4-6ADA7CDC1D46';
const EMS = 'efccb6f7-5641-4e0e-bd10-b4976e1bf68e';
const user = (props: Partial<GraphUser>) => ({ id: 'u', ...props }) as GraphUser;

describe('a directory user’s licences', () => {
  it('lists assigned SKUs once, lower-cased, with their disabled plans sorted', () => {
    expect(
      directoryLicences(
        user({
          assignedLicenses: [
            {
              skuId: SPB,
              disabledPlans: ['B0000000-0000-4000-8000-000000000002', 'a0000000-0000-4000-8000-000000000001'],
            },
            { skuId: SPB.toLowerCase(), disabledPlans: [] },
            { skuId: EMS, disabledPlans: [] },
          ],
        }),
      ),
    ).toEqual([
      {
        skuId: SPB.toLowerCase(),
        disabledPlans: ['a0000000-0000-4000-8000-000000000001', 'b0000000-0000-4000-8000-000000000002'],
        viaGroup: false,
      },
      { skuId: EMS, disabledPlans: [], viaGroup: false },
    ]);
  });

  it('marks a SKU held only through groups as inherited, not one also assigned directly', () => {
    const licences = directoryLicences(
      user({
        assignedLicenses: [
          { skuId: SPB, disabledPlans: [] },
          { skuId: EMS, disabledPlans: [] },
        ],
        licenseAssignmentStates: [
          { skuId: SPB, assignedByGroup: 'g1', state: 'Active' },
          { skuId: EMS, assignedByGroup: 'g2', state: 'Active' },
          { skuId: EMS, assignedByGroup: null, state: 'Active' },
        ],
      }),
    );
    expect(licences?.map((l) => l.viaGroup)).toEqual([true, false]);
  });

  it('knows nothing when Graph did not send assignedLicenses, and no licences when it sent none', () => {
    expect(directoryLicences(user({}))).toBeUndefined();
    expect(directoryLicences(user({ assignedLicenses: null }))).toEqual([]);
    expect(directoryLicences(user({ assignedLicenses: [] }))).toEqual([]);
  });
});
