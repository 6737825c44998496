import type { ReactNode } from 'react';
import { Tab, TabList, TabPanel, Tabs as AriaTabs, type Key } from 'react-aria-components';

export interface TabItem {
  id: string;
  label: string;
  /** Rendered only while the tab is selected. */
  content: () => ReactNode;
}

export interface TabsProps {
  /** Names the tab list for screen readers ("Connection"). */
  label: string;
  tabs: TabItem[];
  selected: string;
  onSelect: (id: string) => void;
}

/** Tabs with arrow-key navigation; the selected one is controlled (kept in the address, say). */
export function Tabs({ label, tabs, selected, onSelect }: TabsProps) {
  return (
    <AriaTabs className="tabs" selectedKey={selected} onSelectionChange={(key: Key) => onSelect(String(key))}>
      <TabList aria-label={label} className="tab-list" items={tabs}>
        {(tab) => (
          <Tab id={tab.id} className="tab">
            {tab.label}
          </Tab>
        )}
      </TabList>
      {tabs.map((tab) => (
        <TabPanel key={tab.id} id={tab.id} className="tab-panel">
          {tab.id === selected ? tab.content() : null}
        </TabPanel>
      ))}
    </AriaTabs>
  );
}
