import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startEngine } from './store/engine-service';
import { installTestApi } from './testing/test-api';
import './styles.css';

if (new URLSearchParams(location.search).has('testHooks')) installTestApi();

// Before the first render, not in an effect after it: the worker then starts, and the model downloads,
// while React renders the page (a cold visit's first entities come sooner by about that render).
void startEngine();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
