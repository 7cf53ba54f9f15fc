//! [`Block::Frame`](super::Block::Frame): a page (or the rest of one) kept
//! for one page of an attachment — a scan fitted in, or room that
//! [`super::fill_frames`] fills with a page of another PDF.

use super::layout::{Flow, ImageItem, Item};
use super::Picture;

/// Room on a page for a page of another PDF; `y` is its top edge (mm).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FrameItem {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

/// Less room than this left on the page: the frame takes a new page.
const MIN_FRAME_MM: f32 = 80.0;

impl Flow<'_> {
    pub(super) fn frame(&mut self, picture: Option<&Picture>, is_last: bool) {
        if self.room() < MIN_FRAME_MM && !self.at_top() {
            self.new_page();
        }
        let (x, y, w, h) = (self.geo.left, self.y, self.geo.content_width(), self.room());
        match picture {
            Some(p) => {
                let (pw, ph) = (p.width.max(1) as f32, p.height.max(1) as f32);
                let scale = (w / pw).min(h / ph);
                let (fw, fh) = (pw * scale, ph * scale);
                self.push(Item::Image(ImageItem {
                    x: x + (w - fw) / 2.0,
                    y,
                    w: fw,
                    h: fh,
                    picture: p.clone(),
                }));
            }
            None => self.push(Item::Frame(FrameItem { x, y, w, h })),
        }
        if is_last {
            self.y = self.geo.content_bottom();
        } else {
            self.new_page();
        }
    }
}
