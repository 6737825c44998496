import {
  DEVICE_USER_FIELDS,
  USER_IDENTIFIERS,
  type DeviceUserField,
  type UserIdentifier,
  type UserMatching,
} from '../../../../../src/contracts/api/assets-config.js';
import { Checkbox } from '../../../ui/checkbox.js';
import { SelectField } from '../../../ui/select-field.js';

const DEVICE_FIELDS = DEVICE_USER_FIELDS.map((f) => ({ id: f, label: f }));
const IDENTIFIER_LABELS: Record<UserIdentifier, string> = {
  userPrincipalName: 'User principal name',
  email: 'E-mail',
  entraObjectId: 'Entra object id',
  networkLogin: 'Network login',
  displayName: 'Name',
};
const IDENTIFIERS = USER_IDENTIFIERS.map((id) => ({ id, label: IDENTIFIER_LABELS[id] }));

const METHODS = [
  {
    id: 'asset',
    label: 'Asset method (recommended)',
    description: 'A field of the device is looked up in a field of the desk’s users',
  },
  {
    id: 'user',
    label: 'User method (older)',
    description: 'The device belongs to the user Intune names as its primary user',
  },
];

/** Guide 002 "User matching": how a device finds its desk user. */
export function UserMatchingEditor(props: {
  value: UserMatching;
  onChange: (value: UserMatching) => void;
  readOnly: boolean;
}) {
  const { value, onChange, readOnly } = props;
  const setMethod = (method: string) => {
    if (method === value.method) return;
    onChange(
      method === 'user'
        ? { method: 'user' }
        : {
            method: 'asset',
            deviceField: 'userPrincipalName',
            userIdentifier: 'userPrincipalName',
            mobileOverride: null,
          },
    );
  };
  return (
    <div className="stack">
      <SelectField
        label="User matching"
        options={METHODS}
        value={value.method}
        onChange={setMethod}
        isDisabled={readOnly}
      />
      {value.method === 'asset' ? (
        <>
          <div className="row">
            <SelectField
              label="Device field"
              options={DEVICE_FIELDS}
              value={value.deviceField}
              onChange={(f) => onChange({ ...value, deviceField: f as DeviceUserField })}
              isDisabled={readOnly}
            />
            <SelectField
              label="User identifier"
              options={IDENTIFIERS}
              value={value.userIdentifier}
              onChange={(f) => onChange({ ...value, userIdentifier: f as UserIdentifier })}
              isDisabled={readOnly}
            />
          </div>
          <Checkbox
            isSelected={value.mobileOverride !== null}
            isDisabled={readOnly}
            onChange={(on) =>
              onChange({
                ...value,
                mobileOverride: on ? { deviceField: 'emailAddress', userIdentifier: 'email' } : null,
              })
            }
          >
            Use another user identifier for mobile devices (iOS, Android)
          </Checkbox>
          {value.mobileOverride ? (
            <div className="row">
              <SelectField
                label="Mobile device field"
                options={DEVICE_FIELDS}
                value={value.mobileOverride.deviceField}
                onChange={(f) =>
                  onChange({
                    ...value,
                    mobileOverride: { ...value.mobileOverride!, deviceField: f as DeviceUserField },
                  })
                }
                isDisabled={readOnly}
              />
              <SelectField
                label="Mobile user identifier"
                options={IDENTIFIERS}
                value={value.mobileOverride.userIdentifier}
                onChange={(f) =>
                  onChange({
                    ...value,
                    mobileOverride: { ...value.mobileOverride!, userIdentifier: f as UserIdentifier },
                  })
                }
                isDisabled={readOnly}
              />
            </div>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
