/**
 * i18next with the two catalogues bundled (no loading at run time). Chinese is the default; the
 * reader's choice is kept in localStorage and shared by the workbench and the portal.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { zhCN } from './zh-CN.ts';
import { en } from './en.ts';

import type { Language } from './types.ts';

export { LANGUAGES, type Language } from './types.ts';
const STORAGE_KEY = 'fairdebt.lang';

export function storedLanguage(): Language {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export async function setLanguage(lang: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // A browser that refuses storage still switches for this page.
  }
  document.documentElement.lang = lang;
  await i18n.changeLanguage(lang);
}

export function initI18n(): typeof i18n {
  const lng = storedLanguage();
  document.documentElement.lang = lng;
  void i18n.use(initReactI18next).init({
    lng,
    fallbackLng: false,
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18n;
}
