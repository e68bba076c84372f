//! The view of the index the server answers from: the last commit, one search session
//! shared by every request, replaced when a `vraagbaak index` beside the server commits.

use crate::error::Result;
use crate::index::Store;
use crate::search::Session;
use std::sync::{Arc, RwLock};
use tantivy::IndexReader;

pub(crate) struct Views {
    store: Store,
    reader: IndexReader,
    current: RwLock<Arc<Session>>,
}

impl Views {
    /// The views of the index in `store`, the last commit first. Each session owns a
    /// clone of the store.
    pub fn open(store: Store) -> Result<Views> {
        let reader = store.reader()?;
        let session = Session::at(&store, reader.searcher());
        Ok(Views {
            store,
            reader,
            current: RwLock::new(Arc::new(session)),
        })
    }

    /// The session of the last commit seen.
    pub fn current(&self) -> Arc<Session> {
        Arc::clone(&self.current.read().unwrap_or_else(|e| e.into_inner()))
    }

    /// Looks for a new commit; whether there was one (then later requests see it).
    pub fn refresh(&self) -> Result<bool> {
        self.reader.reload()?;
        let searcher = self.reader.searcher();
        let same =
            self.current().searcher().generation().segments() == searcher.generation().segments();
        if same {
            return Ok(false);
        }
        let session = Arc::new(Session::at(&self.store, searcher));
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = session;
        Ok(true)
    }
}
