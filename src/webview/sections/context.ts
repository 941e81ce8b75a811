import type { Host } from '../host';
import type { CalculatorState, Framework, TabId } from '../state';

/** What every section gets from the page. */
export interface SectionContext {
  /** the current state (mutate it, then call changed()) */
  state(): CalculatorState;
  /** persists the state and tells the extension */
  changed(): void;
  readonly host: Host;
  selectTab(tab: TabId): void;
  /** switches the page's framework (the header's select) and redraws everything */
  setFramework(framework: Framework): void;
}

/** A section of the page: `load` copies the state into its controls, `render` recomputes its outputs. */
export interface Section {
  load(): void;
  render(): void;
}
