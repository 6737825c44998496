import { useEffect, useState } from 'react';
import { lookupSites, type SiteLookup } from '../../../../../../src/contracts/api/lookups.js';
import { useApi } from '../../../../lib/api-context.js';
import { ComboPicker } from '../../../../ui/combo-picker.js';
import { useLookups } from './lookups.js';
import type { PickerProps } from './pickers.js';

/** How pickers and tables name a site: "London — Contoso" (and whether it is inactive). */
export function siteLabel(site: SiteLookup): string {
  return `${site.name} — ${site.customerName}${site.inactive ? ' (inactive)' : ''}`;
}

/** Where a site stored only by id belongs (for pickers and tables). */
export function useSitePlace(siteId: string | null) {
  const lookups = useLookups();
  const known = siteId ? lookups.site(siteId) : undefined;
  const [done, setDone] = useState<string | null>(null);
  useEffect(() => {
    if (!siteId || known) return;
    let live = true;
    void lookups.resolveSite(siteId).then(() => live && setDone(siteId));
    return () => {
      live = false;
    };
  }, [siteId, known, lookups]);
  return { place: known, searching: Boolean(siteId && !known && done !== siteId) };
}

/**
 * A site of any customer, searched by the start of its name or its customer's name
 * (`GET /api/lookups/sites`, open to everyone who may open the configuration).
 */
export function SitePicker(props: PickerProps) {
  const call = useApi();
  const lookups = useLookups();
  const { place, searching } = useSitePlace(props.value);
  const valueLabel = place
    ? siteLabel(place)
    : props.value && !searching
      ? `Unknown site (${props.value})`
      : undefined;
  return (
    <ComboPicker<{ id: string; label: string; site: SiteLookup }>
      label={props.label}
      sourceKey="entra-lookups:sites"
      value={props.value}
      valueLabel={valueLabel}
      onChange={(option) => {
        if (option) lookups.rememberSite(option.site);
        props.onChange(option?.id ?? null);
      }}
      search={async (text, signal) => {
        const page = await call(lookupSites, { query: { search: text }, signal });
        return page.items.map((site) => ({ id: site.id, label: siteLabel(site), site }));
      }}
      placeholder="Type the site’s or customer’s name…"
      errorMessage={props.errorMessage}
      isDisabled={props.isDisabled ?? false}
      labelHidden={props.labelHidden ?? false}
      {...(props.description ? { description: props.description } : {})}
    />
  );
}

/** A site's name with its customer, for tables ("London — Contoso"). */
export function SiteName({ siteId }: { siteId: string }) {
  const { place, searching } = useSitePlace(siteId);
  if (place) return <>{siteLabel(place)}</>;
  return <span className="muted">{searching ? 'Finding the site…' : `Unknown site (${siteId})`}</span>;
}
