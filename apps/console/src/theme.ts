import { createTheme, DEFAULT_THEME, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

/**
 * Mantine's palettes with shades 6-9 darkened until text in them reaches WCAG AA (4.5:1) everywhere the console puts
 * it: links and white text on filled buttons, and light badges (the colour on its own 10% tint over a striped row).
 * Mantine's own shade 6 is 1.9-3.6:1 for most colours (the brand teal #12b886 is 2.5:1, the amber badge 1.7:1).
 * Shades 0-5 (backgrounds, borders) stay Mantine's. The browser tests run axe-core on every page to keep it so.
 */
const ACCESSIBLE_SHADES: Record<string, [string, string, string, string]> = {
  teal: ['#0b6e50', '#0a6348', '#095840', '#084d38'],
  red: ['#a83737', '#973232', '#872c2c', '#762727'],
  yellow: ['#805a03', '#735102', '#664802', '#5a3f02'],
  orange: ['#974b0c', '#88440b', '#793c0a', '#6a3508'],
  blue: ['#1863a5', '#165994', '#135084', '#114673'],
  grape: ['#9039a6', '#823396', '#742e85', '#652875'],
  green: ['#256f32', '#21642d', '#1e5928', '#1a4e23'],
  cyan: ['#0d6875', '#0c5e6a', '#0a545e', '#094952'],
  violet: ['#6845d0', '#5e3ebb', '#5337a6', '#493091'],
  indigo: ['#3c56c0', '#364ead', '#30459a', '#2a3c86'],
  pink: ['#a5345c', '#942f52', '#842a49', '#732540'],
  lime: ['#456a10', '#3e5f0e', '#37550d', '#304a0b'],
};

const colors = Object.fromEntries(
  Object.entries(ACCESSIBLE_SHADES).map(([name, dark]) => [
    name,
    [...DEFAULT_THEME.colors[name]!.slice(0, 6), ...dark] as unknown as MantineColorsTuple,
  ]),
);
// Grey text ("dimmed", gray.6) at 6.4:1 instead of 3.3:1; the darker greys stay Mantine's.
const gray = [...DEFAULT_THEME.colors.gray];
gray[6] = '#5a6065';
colors.gray = gray as unknown as MantineColorsTuple;

/** Placeholders in grey text too (Mantine's gray.5 is 2.1:1). */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-placeholder': 'var(--mantine-color-gray-6)' },
  dark: {},
});

/** Where dialogs, menus and drop-downs open: a named section of the page (index.html), so that they sit in a landmark. */
export const OVERLAY_ROOT = '#overlays';

/**
 * The console's theme, in the chosen language for the few texts Mantine shows itself (a dialog's close button).
 * Overlays go to OVERLAY_ROOT; a dialog's header is a plain element rather than a second page banner; menus have no
 * focus placeholder inside role="menu" (not a menu item). A select is an ARIA 1.2 combobox (role, aria-expanded) whose
 * list box scrolls itself, so the keyboard reaches every option through the combobox (Mantine's default wraps the
 * options in a scroll area that neither the keyboard nor axe can reach).
 */
export function createConsoleTheme(text: { close: string }) {
  const combobox = {
    role: 'combobox',
    withScrollArea: false,
    styles: { options: { maxHeight: 300, overflowY: 'auto' as const } },
  };
  return createTheme({
    primaryColor: 'teal',
    colors,
    defaultRadius: 'md',
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
    headings: { fontWeight: '700' },
    components: {
      Portal: { defaultProps: { target: OVERLAY_ROOT } },
      Modal: { defaultProps: { closeButtonProps: { 'aria-label': text.close } } },
      ModalHeader: { defaultProps: { component: 'div' } },
      Menu: { defaultProps: { withInitialFocusPlaceholder: false } },
      ComboboxTarget: { defaultProps: { withExpandedAttribute: true } },
      Select: { defaultProps: combobox },
      Autocomplete: { defaultProps: combobox },
    },
  });
}
