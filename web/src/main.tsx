import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { initialLocale, translate } from './i18n';
import './styles.css';

const locale = initialLocale();
document.documentElement.lang = locale;
document.title = translate(locale, 'app.productLine');

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
