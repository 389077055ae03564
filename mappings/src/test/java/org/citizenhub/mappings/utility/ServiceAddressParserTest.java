package org.citizenhub.mappings.utility;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.citizenhub.mappings.citizen.Address;
import org.citizenhub.mappings.citizen.Address.AdminEra;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ServiceAddressParserTest {

    static Stream<Arguments> writtenAddresses() {
        return Stream.of(
                Arguments.of("K12/5 Đ. Lê Duẩn, P.Thạch Thang, Q. Hải Châu, TP Đà Nẵng",
                        new Address("K12/5", "Đ. Lê Duẩn", "P.Thạch Thang", "", "Q. Hải Châu", "TP Đà Nẵng", AdminEra.BEFORE_2025)),
                Arguments.of("K12/5 D. Le Duan, P. Thach Thang, Q. Hai Chau, TP. Da Nang",
                        new Address("K12/5", "D. Le Duan", "P. Thach Thang", "", "Q. Hai Chau", "TP. Da Nang", AdminEra.BEFORE_2025)),
                Arguments.of("45 Nguyễn Văn Linh, Phường Hải Châu, Thành phố Đà Nẵng",
                        new Address("45", "Nguyễn Văn Linh", "Phường Hải Châu", "", "", "Thành phố Đà Nẵng", AdminEra.FROM_2025)),
                Arguments.of("Thon Phu Son, Xa Hoa Khuong, Huyen Hoa Vang, Thanh pho Da Nang",
                        new Address("", "Thon Phu Son", "Xa Hoa Khuong", "", "Huyen Hoa Vang", "Thanh pho Da Nang", AdminEra.BEFORE_2025)),
                // a city inside a province was a district-level unit before 2025
                Arguments.of("12 Trần Hưng Đạo, Phường Minh An, Thành phố Hội An, Tỉnh Quảng Nam",
                        new Address("12", "Trần Hưng Đạo", "Phường Minh An", "", "Thành phố Hội An", "Tỉnh Quảng Nam", AdminEra.BEFORE_2025)),
                Arguments.of("7 Lê Lợi, Tổ 5, P. Hòa Khánh Bắc, Đà Nẵng",
                        new Address("7", "Lê Lợi, Tổ 5", "P. Hòa Khánh Bắc", "", "", "Đà Nẵng", AdminEra.FROM_2025)),
                Arguments.of("Xã Hòa Phong, Huyện Hòa Vang",
                        new Address("", "", "Xã Hòa Phong", "", "Huyện Hòa Vang", "", AdminEra.BEFORE_2025)),
                Arguments.of("  ,  ", new Address("", "", "", "", "", "", AdminEra.FROM_2025)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writtenAddresses")
    void tellsThePartsApartByTheirUnitWords(String written, Address expected) {
        assertThat(ServiceAddressParser.parse(written)).isEqualTo(expected);
    }
}
