"""With MEDIA_STORAGE (an S3 bucket), every upload is sent with the ContentType
of its checked type, never the one the uploader's browser claimed.

S3 is a third-party API this machine cannot reach, so a loopback server
stands in for the bucket and records each PUT django-storages makes.
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from stories.models import Clip, StoryImage
from tests.stories.factories import MP4_HEAD, jpeg_bytes

pytestmark = pytest.mark.django_db

VTT = b"WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n"


class RecordingBucket(BaseHTTPRequestHandler):
    puts: list = []

    def do_PUT(self):
        if self.headers.get("Transfer-Encoding") == "chunked":
            while (size := int(self.rfile.readline().split(b";")[0], 16)) > 0:
                self.rfile.read(size + 2)
            while self.rfile.readline() not in (b"\r\n", b""):
                pass
        else:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.puts.append((self.path, self.headers.get("Content-Type")))
        self.send_response(200)
        self.send_header("ETag", '"0"')
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def bucket(settings):
    RecordingBucket.puts = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), RecordingBucket)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": "media",
                "endpoint_url": f"http://127.0.0.1:{server.server_port}",
                "access_key": "test-key",
                "secret_key": "test-secret",
                "region_name": "us-east-1",
                "addressing_style": "path",
                "querystring_auth": False,
                "file_overwrite": True,
            },
        },
    }
    yield RecordingBucket.puts
    server.shutdown()
    server.server_close()


def test_uploads_reach_the_bucket_with_the_checked_content_type(bucket):
    Clip.objects.create(
        title="A clip",
        video_file=SimpleUploadedFile("clip.html", MP4_HEAD, content_type="text/html"),
        captions=SimpleUploadedFile("subs.html", VTT, content_type="text/html"),
    )
    StoryImage.objects.create(
        file=SimpleUploadedFile("photo.html", jpeg_bytes((40, 20)), content_type="text/html"),
        alt_text="A picture",
    )
    sent = {path.rsplit(".", 1)[1]: content_type for path, content_type in bucket}
    assert sent == {"mp4": "video/mp4", "vtt": "text/vtt; charset=utf-8", "jpg": "image/jpeg"}
    assert all(path.startswith("/media/stories/") for path, _ in bucket)
