"""Vietnamese administrative vocabulary for the data generator (bench/generate.py).

Topics, places, bodies and names as they appear in the register books of a
Bình Định town (summaries of incoming and outgoing documents, Decree 30/2020).
"""

# Outside issuing bodies (res.partner): province, departments, central bodies.
OUTSIDE_BODIES = [
    ("UBND tỉnh Bình Định", "UBND"),
    ("Văn phòng UBND tỉnh Bình Định", "VPUBND"),
    ("Sở Nội vụ tỉnh Bình Định", "SNV"),
    ("Sở Tài chính tỉnh Bình Định", "STC"),
    ("Sở Kế hoạch và Đầu tư tỉnh Bình Định", "SKHĐT"),
    ("Sở Tài nguyên và Môi trường tỉnh Bình Định", "STNMT"),
    ("Sở Xây dựng tỉnh Bình Định", "SXD"),
    ("Sở Giao thông vận tải tỉnh Bình Định", "SGTVT"),
    ("Sở Giáo dục và Đào tạo tỉnh Bình Định", "SGDĐT"),
    ("Sở Y tế tỉnh Bình Định", "SYT"),
    ("Sở Lao động - Thương binh và Xã hội tỉnh Bình Định", "SLĐTBXH"),
    ("Sở Nông nghiệp và Phát triển nông thôn tỉnh Bình Định", "SNN"),
    ("Sở Tư pháp tỉnh Bình Định", "STP"),
    ("Sở Văn hóa và Thể thao tỉnh Bình Định", "SVHTT"),
    ("Sở Thông tin và Truyền thông tỉnh Bình Định", "STTTT"),
    ("Thanh tra tỉnh Bình Định", "TTr"),
    ("Công an tỉnh Bình Định", "CAT"),
    ("Bộ Chỉ huy Quân sự tỉnh Bình Định", "BCH"),
    ("Kho bạc Nhà nước An Nhơn", "KBNN"),
    ("Chi cục Thuế khu vực An Nhơn - Tây Sơn", "CCT"),
    ("Bảo hiểm xã hội thị xã An Nhơn", "BHXH"),
    ("Thị ủy An Nhơn", "TU"),
    ("Hội đồng nhân dân thị xã An Nhơn", "HĐND"),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam thị xã An Nhơn", "MTTQ"),
    ("Bộ Nội vụ", "BNV"),
    ("Văn phòng Chính phủ", "VPCP"),
]

TOPICS = [
    "phê duyệt kế hoạch sử dụng đất năm {year} của thị xã An Nhơn",
    "hướng dẫn đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức năm {year}",
    "chủ động ứng phó với áp thấp nhiệt đới và mưa lũ",
    "triển khai công tác phòng, chống thiên tai và tìm kiếm cứu nạn năm {year}",
    "tổ chức hội nghị sơ kết công tác cải cách hành chính 6 tháng đầu năm {year}",
    "báo cáo tình hình thực hiện dự toán thu, chi ngân sách địa phương",
    "cấp giấy chứng nhận quyền sử dụng đất cho hộ gia đình, cá nhân tại {place}",
    "đôn đốc xử lý văn bản quá hạn trên hệ thống quản lý văn bản",
    "công nhận {place} đạt chuẩn nông thôn mới nâng cao",
    "rà soát hộ nghèo, hộ cận nghèo năm {year}",
    "tăng cường quản lý trật tự xây dựng đô thị trên địa bàn {place}",
    "triển khai tiêm chủng mở rộng cho trẻ em dưới 5 tuổi",
    "kiểm tra công tác bảo vệ môi trường tại các làng nghề",
    "thu hồi đất để thực hiện dự án đường ven biển qua {place}",
    "bồi thường, hỗ trợ và tái định cư khi Nhà nước thu hồi đất",
    "kiện toàn Ban Chỉ đạo phòng, chống dịch bệnh thị xã",
    "tổ chức kỳ thi tuyển sinh vào lớp 10 năm học {year}-{next_year}",
    "chi trả trợ cấp xã hội cho đối tượng bảo trợ xã hội tại {place}",
    "phân bổ kinh phí sự nghiệp môi trường năm {year}",
    "lấy ý kiến góp ý dự thảo Nghị quyết của Hội đồng nhân dân tỉnh",
    "tuyển dụng công chức cấp xã năm {year}",
    "thực hiện chế độ báo cáo thống kê định kỳ",
    "phòng cháy, chữa cháy rừng mùa khô năm {year}",
    "chấn chỉnh công tác văn thư, lưu trữ tại các cơ quan, đơn vị",
    "xét tặng danh hiệu Gia đình văn hóa, Thôn văn hóa năm {year}",
    "giải quyết đơn khiếu nại của công dân trú tại {place}",
    "tiếp công dân định kỳ của Chủ tịch UBND thị xã tháng {month}",
    "quyết toán vốn đầu tư công dự án hoàn thành năm {year}",
    "điều chỉnh quy hoạch chi tiết xây dựng khu dân cư tại {place}",
    "cấp phép khai thác cát lòng sông Kôn",
    "chuyển đổi cơ cấu cây trồng trên đất trồng lúa vụ Đông Xuân {year}-{next_year}",
    "phòng, chống bệnh dịch tả lợn châu Phi trên địa bàn {place}",
    "tổ chức các hoạt động kỷ niệm Ngày Quốc khánh 2/9",
    "đăng ký khai sinh, khai tử trực tuyến trên Cổng dịch vụ công",
    "sắp xếp, tinh gọn tổ chức bộ máy các cơ quan chuyên môn",
    "kiểm tra an toàn thực phẩm dịp Tết Nguyên đán",
    "hỗ trợ người lao động bị ảnh hưởng bởi thiên tai tại {place}",
    "thực hiện Đề án 06 về phát triển ứng dụng dữ liệu dân cư",
    "cải tạo, nâng cấp kênh mương nội đồng tại {place}",
    "mời họp giao ban công tác quý {quarter} năm {year}",
]

PLACES = [
    "phường Bình Định",
    "phường Đập Đá",
    "phường Nhơn Hưng",
    "phường Nhơn Hòa",
    "phường Nhơn Thành",
    "xã Nhơn An",
    "xã Nhơn Hạnh",
    "xã Nhơn Hậu",
    "xã Nhơn Khánh",
    "xã Nhơn Lộc",
    "xã Nhơn Mỹ",
    "xã Nhơn Phong",
    "xã Nhơn Phúc",
    "xã Nhơn Tân",
    "xã Nhơn Thọ",
    "thị xã An Nhơn",
]

FAMILY_NAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Huỳnh",
    "Võ",
    "Phan",
    "Đặng",
    "Bùi",
    "Đỗ",
]
MIDDLE_NAMES = [
    "Văn",
    "Thị",
    "Đức",
    "Minh",
    "Ngọc",
    "Thanh",
    "Hữu",
    "Quốc",
    "Thu",
    "Xuân",
]
GIVEN_NAMES = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hà",
    "Hải",
    "Hạnh",
    "Hùng",
    "Hương",
    "Khoa",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Phúc",
    "Quang",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Tuấn",
    "Vy",
]

SIGNER_POSITIONS = [
    "Chủ tịch",
    "Phó Chủ tịch",
    "Chánh Văn phòng",
    "Trưởng phòng",
    "Phó Trưởng phòng",
    "Giám đốc",
]

DIRECTIONS = [
    "Giao {unit} chủ trì tham mưu, báo cáo kết quả trước hạn.",
    "Chuyển {unit} nghiên cứu, đề xuất.",
    "{unit} chủ trì, phối hợp các đơn vị liên quan triển khai thực hiện.",
    "Giao {unit} xử lý theo quy định.",
]

CANCEL_REASONS = [
    "Vào sổ trùng với văn bản đã đăng ký",
    "Văn bản gửi nhầm địa chỉ, đã trả lại nơi gửi",
]

# Types (xml id in idesk_registry) and their share of the documents.
TYPE_WEIGHTS = [
    ("type_cv", 40),
    ("type_qd", 12),
    ("type_bc", 10),
    ("type_gm", 10),
    ("type_tb", 8),
    ("type_kh", 8),
    ("type_ttr", 4),
    ("type_hd", 4),
    ("type_ct", 2),
    ("type_nq", 2),
]

URGENCY_WEIGHTS = [
    ("urgency_normal", 85),
    ("urgency_urgent", 10),
    ("urgency_very_urgent", 4),
    ("urgency_flash", 1),
]
