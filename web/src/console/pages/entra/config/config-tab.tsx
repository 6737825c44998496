import type { ReactNode } from 'react';
import { ConfigGate } from './config-editor.js';
import type { ConfigTab } from './problems.js';
import { SaveBar } from './save-bar.js';

/**
 * Makes a configuration tab's content (for a connection page's tabs): shown once the
 * configuration has loaded, under the save bar, whose problems open the tab they are on.
 */
export function configTabOf(connectionName: string, onShowTab: (tab: ConfigTab) => void) {
  return (content: () => ReactNode) => () => (
    <ConfigGate>
      <SaveBar onShowTab={onShowTab} connectionName={connectionName} />
      {content()}
    </ConfigGate>
  );
}
