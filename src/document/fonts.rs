//! The fonts a PDF falls back to for what the embedded DejaVu Sans does not have
//! (Chinese, Japanese, Korean, Thai, Devanagari…): the fonts installed on the system,
//! then the ones a user drops into `<config>/fonts/` (`.ttf`, `.otf`, `.ttc`).
//!
//! Promises:
//! - Read once per process: the font list is made on the first PDF that needs it, a
//!   font's file is read once, and which font draws a character is remembered.
//! - Regular upright sans faces are preferred, so a name is not set in a light, italic,
//!   serif or monospaced face because its file came first.
//! - Only the glyphs used are embedded (krilla subsets every font).

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

/// One face a fallback can use: its id in the font list.
pub type FaceId = fontdb::ID;

/// A face's whole file, read once, and the face's index in it.
pub type FaceData = (Arc<Vec<u8>>, u32);

/// The fonts found, in the order they are tried.
pub struct Fallback {
    db: fontdb::Database,
    order: Vec<FaceId>,
    /// Which face draws a character (`None`: no font here has it).
    chosen: Mutex<HashMap<char, Option<FaceId>>>,
    /// The bytes of each face used, read once.
    data: Mutex<HashMap<FaceId, FaceData>>,
}

static FALLBACK: LazyLock<Fallback> = LazyLock::new(Fallback::load);

/// The process's fallback fonts.
pub fn fallback() -> &'static Fallback {
    &FALLBACK
}

/// Where a user's own fonts are read from: `fonts` in the config folder.
pub fn user_fonts_dir() -> Option<std::path::PathBuf> {
    crate::store::user_dirs::UserDirs::from_env()
        .config
        .map(|config| config.join("fonts"))
}

impl Fallback {
    fn load() -> Fallback {
        let mut db = fontdb::Database::new();
        db.load_system_fonts();
        if let Some(dir) = user_fonts_dir() {
            db.load_fonts_dir(dir);
        }
        let mut order: Vec<(u8, FaceId)> = db
            .faces()
            .map(|f| {
                let upright = f.style == fontdb::Style::Normal;
                let regular = f.weight == fontdb::Weight::NORMAL;
                // Sans faces first: the document is set in a sans (DejaVu Sans), and a
                // name in it should not switch to a serif or monospaced face.
                let name = f.families.first().map(|(n, _)| n.as_str()).unwrap_or("");
                let odd = name.contains("Serif") || name.contains("Mono");
                (
                    u8::from(!upright) * 4 + u8::from(!regular) * 2 + u8::from(odd),
                    f.id,
                )
            })
            .collect();
        // A stable sort: among equals, the system's fonts before the user's, as loaded.
        order.sort_by_key(|(rank, _)| *rank);
        Fallback {
            db,
            order: order.into_iter().map(|(_, id)| id).collect(),
            chosen: Mutex::new(HashMap::new()),
            data: Mutex::new(HashMap::new()),
        }
    }

    /// The first face that has a glyph for `ch`.
    pub fn face_for(&self, ch: char) -> Option<FaceId> {
        if let Some(known) = self.chosen.lock().ok()?.get(&ch) {
            return *known;
        }
        let found = self.order.iter().copied().find(|id| {
            self.db
                .with_face_data(*id, |bytes, index| {
                    ttf_parser::Face::parse(bytes, index)
                        .ok()
                        .and_then(|face| face.glyph_index(ch))
                        .is_some_and(|g| g.0 != 0)
                })
                .unwrap_or(false)
        });
        self.chosen.lock().ok()?.insert(ch, found);
        found
    }

    /// The bytes of face `id` and its index in its file.
    pub fn data(&self, id: FaceId) -> Option<FaceData> {
        if let Some(known) = self.data.lock().ok()?.get(&id) {
            return Some(known.clone());
        }
        let read = self
            .db
            .with_face_data(id, |bytes, index| (Arc::new(bytes.to_vec()), index))?;
        self.data.lock().ok()?.insert(id, read.clone());
        Some(read)
    }

    /// The advance of `text` in face `id` at `size` points.
    pub fn width(&self, id: FaceId, text: &str, size: f32) -> f32 {
        let Some((bytes, index)) = self.data(id) else {
            return 0.0;
        };
        if needs_shaping(text)
            && let Some(width) = shaped_width(&bytes, index, text, size)
        {
            return width;
        }
        let Ok(face) = ttf_parser::Face::parse(&bytes, index) else {
            return 0.0;
        };
        let units: u32 = text
            .chars()
            .map(|c| {
                let glyph = face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
                u32::from(face.glyph_hor_advance(glyph).unwrap_or(0))
            })
            .sum();
        units as f32 * size / f32::from(face.units_per_em())
    }
}

/// The advance of `text` shaped in the face `bytes`/`index` at `size` points: what the
/// PDF draws for scripts whose letters join or combine (Arabic, Devanagari, Thai), where
/// adding up each character's own width would leave gaps. `None` if the face does not
/// parse.
pub fn shaped_width(bytes: &[u8], index: u32, text: &str, size: f32) -> Option<f32> {
    let face = rustybuzz::Face::from_slice(bytes, index)?;
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    let shaped = rustybuzz::shape(&face, &[], buffer);
    let units: i64 = shaped
        .glyph_positions()
        .iter()
        .map(|p| i64::from(p.x_advance))
        .sum();
    Some(units as f32 * size / face.units_per_em() as f32)
}

/// Whether `text` holds letters that join or combine, so its width is measured shaped.
pub fn needs_shaping(text: &str) -> bool {
    text.chars()
        .any(|c| u32::from(c) >= 0x0590 && u32::from(c) < 0x1100)
}
