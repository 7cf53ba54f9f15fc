//! Pictures among the stored files: decoded and scaled down for thumbnails
//! on screen and in printed documents. The stored bytes are never touched.

use std::io::Cursor;
use std::sync::Arc;

use image::imageops::FilterType;
use image::{DynamicImage, ImageFormat, ImageReader};

use crate::pdf::Picture;

/// Pictures larger than this many pixels are not decoded (a hostile or
/// damaged file claiming a gigantic canvas would exhaust memory).
const MAX_PIXELS: u64 = 80_000_000;

/// Decodes a picture; `None` for anything that is not one, too large, or
/// that makes a decoder fail in any way (a decoder panic on a hostile file
/// is caught: a thumbnail is never worth a crash).
fn decode(bytes: &[u8]) -> Option<DynamicImage> {
    std::panic::catch_unwind(|| decode_unguarded(bytes))
        .ok()
        .flatten()
}

fn decode_unguarded(bytes: &[u8]) -> Option<DynamicImage> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .ok()?;
    let (w, h) = reader.into_dimensions().ok()?;
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return None;
    }
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .ok()?;
    reader.limits(image::Limits::default());
    reader.decode().ok()
}

fn shrink(img: DynamicImage, max_px: u32) -> DynamicImage {
    let max_px = max_px.max(16);
    if img.width() <= max_px && img.height() <= max_px {
        img
    } else {
        img.resize(max_px, max_px, FilterType::Triangle)
    }
}

/// A PNG whose longest side is at most `max_px`; `None` when the bytes are
/// not a picture this build decodes (PNG, JPEG, GIF, WebP, BMP).
pub(crate) fn png_thumbnail(bytes: &[u8], max_px: u32) -> Option<Vec<u8>> {
    let img = shrink(decode(bytes)?, max_px);
    let mut out = Cursor::new(Vec::new());
    img.to_rgb8().write_to(&mut out, ImageFormat::Png).ok()?;
    Some(out.into_inner())
}

/// The picture as RGB pixels for a printed document, longest side at most
/// `max_px`; `None` when it cannot be decoded.
pub(crate) fn picture(bytes: &[u8], max_px: u32) -> Option<Picture> {
    let rgb = shrink(decode(bytes)?, max_px).to_rgb8();
    Some(Picture {
        width: rgb.width(),
        height: rgb.height(),
        rgb: Arc::new(rgb.into_raw()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([x as u8, y as u8, 128]));
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn large_pictures_shrink_small_ones_stay_and_other_files_have_none() {
        let p = picture(&png(800, 400), 200).unwrap();
        assert_eq!((p.width, p.height), (200, 100));
        assert_eq!(p.rgb.len(), 200 * 100 * 3);
        let p = picture(&png(40, 30), 200).unwrap();
        assert_eq!((p.width, p.height), (40, 30));
        assert!(png_thumbnail(b"%PDF-1.7 not a picture", 200).is_none());
        let thumb = png_thumbnail(&png(800, 400), 100).unwrap();
        assert!(thumb.starts_with(b"\x89PNG"));
    }
}
