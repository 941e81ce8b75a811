import tensorflow as tf


class MCModel(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.d1 = tf.keras.layers.Dense(64, activation="relu")
        self.bn = tf.keras.layers.BatchNormalization()
        self.out = tf.keras.layers.Dense(1)

    def call(self, x, training=None):
        return self.out(self.bn(self.d1(x), training=training))

    def predict_step(self, data):
        x = data[0] if isinstance(data, tuple) else data
        return self(x, training=True)  # expect: BN203
