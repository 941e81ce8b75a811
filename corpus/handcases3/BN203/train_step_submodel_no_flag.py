import tensorflow as tf
from tensorflow import keras


class SimCLRLike(keras.Model):
    def __init__(self):
        super().__init__()
        self.encoder = keras.Sequential([
            keras.layers.Conv2D(32, 3, use_bias=False),
            keras.layers.BatchNormalization(),
            keras.layers.ReLU(),
            keras.layers.GlobalAveragePooling2D(),
        ])
        self.head = keras.layers.Dense(64)

    def train_step(self, data):
        x1, x2 = data
        with tf.GradientTape() as tape:
            z1 = self.head(self.encoder(x1))  # expect: BN203
            z2 = self.head(self.encoder(x2, training=True))
            loss = tf.reduce_mean(tf.square(z1 - z2))
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
        return {"loss": loss}
