/** WAI-ARIA tabs: roving tabindex, Left/Right/Home/End move and activate, panels shown one at a time. */

import { TABS, type TabId } from './state';

export interface Tabs {
  select(tab: TabId, focus?: boolean): void;
}

export function setupTabs(onSelect: (tab: TabId) => void): Tabs {
  const tabs = TABS.map((id) => document.getElementById(`tab-${id}`) as HTMLButtonElement);
  const panels = TABS.map((id) => document.getElementById(`panel-${id}`) as HTMLElement);

  function select(tab: TabId, focus = false): void {
    TABS.forEach((id, i) => {
      const selected = id === tab;
      tabs[i].setAttribute('aria-selected', String(selected));
      tabs[i].tabIndex = selected ? 0 : -1;
      panels[i].hidden = !selected;
    });
    if (focus) tabs[TABS.indexOf(tab)].focus();
  }

  tabs.forEach((button, i) => {
    button.addEventListener('click', () => {
      select(TABS[i]);
      onSelect(TABS[i]);
    });
    button.addEventListener('keydown', (event) => {
      const last = TABS.length - 1;
      const target =
        event.key === 'ArrowRight'
          ? i === last
            ? 0
            : i + 1
          : event.key === 'ArrowLeft'
            ? i === 0
              ? last
              : i - 1
            : event.key === 'Home'
              ? 0
              : event.key === 'End'
                ? last
                : -1;
      if (target < 0) return;
      event.preventDefault();
      select(TABS[target], true);
      onSelect(TABS[target]);
    });
  });
  return { select };
}
