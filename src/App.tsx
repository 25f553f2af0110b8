import { Suspense, lazy, useEffect, useState, type ComponentType } from 'react';
import { BackendBadge } from './components/BackendBadge';
import { BucketsPanel } from './components/BucketsPanel';
import { ComparePanel } from './components/ComparePanel';
import { EntitiesPanel } from './components/EntitiesPanel';
import { LivePanel } from './components/LivePanel';
import { ModelPicker } from './components/ModelPicker';
import { Notices } from './components/Notices';
import { SettingsPanel } from './components/SettingsPanel';
import { startPersistence } from './store/persistence';

// The Images tab is built separately; the glob finds it when the file exists and is empty otherwise,
// so the app builds either way and the tab appears once it lands.
const imageTabModules = import.meta.glob<{ default: ComponentType }>('./components/images/ImagesTab.tsx');
const loadImagesTab = imageTabModules['./components/images/ImagesTab.tsx'];
const ImagesTab = loadImagesTab ? lazy(loadImagesTab) : null;
const HAS_TABS = ImagesTab !== null;

type Tab = 'text' | 'images';

/** The page: header (backend, model, settings), then the Entities, Buckets, Live and Compare panels. */
export function App() {
  const [tab, setTab] = useState<Tab>('text');

  // The engine starts in main.tsx, before the first render.
  useEffect(() => startPersistence(), []);

  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <h1>bucketwise</h1>
          <span className="tagline">variable-length inputs, a few fixed shapes, fast in the browser</span>
        </div>
        <BackendBadge />
        <ModelPicker />
        <SettingsPanel />
      </header>
      <Notices />
      {ImagesTab ? (
        <nav className="tabs" role="tablist" aria-label="Views">
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'text'}
            data-testid="tab-text"
            onClick={() => setTab('text')}
          >
            Text
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'images'}
            data-testid="tab-images"
            onClick={() => setTab('images')}
          >
            Images
          </button>
        </nav>
      ) : null}
      {tab === 'images' && ImagesTab ? (
        <main className="images-main" role={HAS_TABS ? 'tabpanel' : undefined}>
          <Suspense fallback={<p className="meta">Loading the Images tab…</p>}>
            <ImagesTab />
          </Suspense>
        </main>
      ) : (
        <main className="layout" role={HAS_TABS ? 'tabpanel' : undefined}>
          <EntitiesPanel />
          <BucketsPanel />
          <LivePanel />
          <ComparePanel />
        </main>
      )}
    </div>
  );
}
