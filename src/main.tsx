import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { installTestApi } from './testing/test-api';
import './styles.css';

if (new URLSearchParams(location.search).has('testHooks')) installTestApi();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
