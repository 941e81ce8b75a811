import tensorflow as tf
from tensorflow import keras


class Classifier(keras.Model):
    def __init__(self):
        super().__init__()
        self.conv = keras.layers.Conv2D(32, 3, use_bias=False)
        self.bn = keras.layers.BatchNormalization()
        self.pool = keras.layers.GlobalAveragePooling2D()
        self.out = keras.layers.Dense(10)

    def call(self, x, training=False):
        x = tf.nn.relu(self.bn(self.conv(x), training=training))
        return self.out(self.pool(x))


class Wrapper(keras.Model):
    def __init__(self, backbone):
        super().__init__()
        self.backbone = backbone

    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            y_pred = self.backbone(x)  # expect: BN203
            loss = self.compiled_loss(y, y_pred)
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
        return {"loss": loss}


model = Wrapper(Classifier())
